using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>get_scheduled_job.sql: claims one unclaimed schedule for <paramref name="WorkerId"/>, of <paramref name="TaskIdentifiers"/> (null: every task).</summary>
internal sealed record GetScheduledJobQuery(string WorkerId, string[]? TaskIdentifiers) : ISqlQuery
{
    public static string File => "get_scheduled_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
    }
}
