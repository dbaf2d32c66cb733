using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// fail_jobs_each.sql: calls fail_job for <paramref name="JobIds"/> still held by
/// <paramref name="WorkerId"/>; the arrays run in parallel (the attempt, lock time last written,
/// message and permanence of each job at the same index). Returns the ids it applied to.
/// </summary>
internal sealed record FailJobsEachQuery(string WorkerId, long[] JobIds, int[] Attempts, DateTime?[] LockedAts, string[] ErrorMessages, bool[] Permanent) : ISqlQuery
{
    public static string File => "fail_jobs_each";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Attempts });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = LockedAts });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ErrorMessages });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = Permanent });
    }
}
