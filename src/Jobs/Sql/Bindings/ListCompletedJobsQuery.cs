using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// list_completed_jobs.sql: up to <paramref name="Limit"/> completed jobs, newest first, below
/// <paramref name="Before"/> when given, of a task and queue when given (null: any), within
/// <paramref name="DatabaseId"/> (null: every database).
/// </summary>
internal sealed record ListCompletedJobsQuery(string? TaskIdentifier, string? QueueName, Guid? DatabaseId, CompletedJobCursor? Before, int Limit) : ISqlQuery
{
    public static string File => "list_completed_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Text(TaskIdentifier));
        parameters.Add(OrNull.Text(QueueName));
        parameters.Add(OrNull.Uuid(DatabaseId));
        parameters.Add(OrNull.TimestampTz(Before?.CompletedAt.UtcDateTime));
        parameters.Add(OrNull.Bigint(Before?.Id));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Limit });
    }
}
