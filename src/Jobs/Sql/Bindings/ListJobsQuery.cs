using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// list_jobs.sql: up to <paramref name="Limit"/> jobs, newest first, below <paramref name="BeforeId"/>
/// when given, of a task, queue and state when given (null: any), within <paramref name="DatabaseId"/>
/// (null: every database), holding <paramref name="Text"/> in payload or last_error when given.
/// </summary>
internal sealed record ListJobsQuery(string? TaskIdentifier, string? QueueName, string? State, long? BeforeId, int Limit, Guid? DatabaseId, string? Text = null) : ISqlQuery
{
    public static string File => "list_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Text(TaskIdentifier));
        parameters.Add(OrNull.Text(QueueName));
        parameters.Add(OrNull.Text(State));
        parameters.Add(OrNull.Bigint(BeforeId));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Limit });
        parameters.Add(OrNull.Uuid(DatabaseId));
        parameters.Add(OrNull.Text(Text));
    }
}
