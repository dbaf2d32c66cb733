using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>delete_jobs.sql: deletes <paramref name="JobIds"/> that are not running, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record DeleteJobsQuery(long[] JobIds, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "delete_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
