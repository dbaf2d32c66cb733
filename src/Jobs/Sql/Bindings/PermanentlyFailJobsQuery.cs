using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>permanently_fail_jobs.sql: fails <paramref name="JobIds"/> for good with <paramref name="ErrorMessage"/>, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record PermanentlyFailJobsQuery(long[] JobIds, string? ErrorMessage, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "permanently_fail_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(OrNull.Text(ErrorMessage));
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
