using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>complete_jobs_batch.sql: deletes <paramref name="JobIds"/> still held by <paramref name="WorkerId"/>, each in the attempt of the same index in <paramref name="Attempts"/>, or whose lock time is still the one in <paramref name="LockedAts"/>; returns the ids it applied to.</summary>
internal sealed record CompleteJobsBatchQuery(string WorkerId, long[] JobIds, int[] Attempts, DateTime?[] LockedAts) : ISqlQuery
{
    public static string File => "complete_jobs_batch";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Attempts });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = LockedAts });
    }
}
