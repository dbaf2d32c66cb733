using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// add_scheduled_job.sql: stores <paramref name="Values"/> through the schema's add_scheduled_job.
/// Each value of <paramref name="Attribution"/> is passed only when given (<see cref="OptionalArguments"/>),
/// as further parameters after the eight the file declares.
/// </summary>
internal sealed record AddScheduledJobQuery(ScheduledJobValues Values, JobAttribution? Attribution) : ISqlQuery
{
    public static string File => "add_scheduled_job";

    // db_id is one of the eight: a registration always has a database id.
    private OptionalArguments Given => OptionalArgumentList.Given(null, Attribution);

    public string Shape(string text) => OptionalArgumentList.ForOneCall(text, Given, ScheduledJobValues.Count + 1);

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Values.Bind(parameters);
        OptionalArgumentList.AddValues(parameters, Given, null, Attribution);
    }
}
