using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// A batch of results as the complete and fail queries take them, in parallel arrays (index i is
/// one job): the first four values of all four queries, in one place. A result applies where the
/// job is still held by <paramref name="WorkerId"/> in the attempt of <paramref name="Attempts"/>,
/// or still has the lock time of <paramref name="LockedAts"/>. Sorted by job id, then attempt:
/// the queries find a job's position with a binary search (width_bucket).
/// </summary>
internal sealed record HeldResults(string WorkerId, long[] JobIds, int[] Attempts, DateTime?[] LockedAts)
{
    /// <summary>Adds $1 to $4.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Attempts });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = LockedAts });
    }
}
