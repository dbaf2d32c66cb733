using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>retry_jobs.sql: makes <paramref name="JobIds"/> due now with a fresh set of attempts, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record RetryJobsQuery(long[] JobIds, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "retry_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
