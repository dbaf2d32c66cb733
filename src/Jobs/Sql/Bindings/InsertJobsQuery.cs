using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>insert_jobs.sql: many jobs without keys in one INSERT, one array element per job.</summary>
internal sealed record InsertJobsQuery(Guid[] DatabaseIds, string[] Identifiers, byte[][] Payloads, string?[] QueueNames, DateTime?[] RunAts,
    int[] MaxAttempts, int[] Priorities) : ISqlQuery
{
    public static string File => "insert_jobs";

    /// <summary>The statement for <paramref name="jobs"/>, every one with its database id; each column by name.</summary>
    public static InsertJobsQuery For(IReadOnlyCollection<PreparedJob> jobs) => new(
        DatabaseIds: jobs.Select(j => j.DatabaseId!.Value).ToArray(),
        Identifiers: jobs.Select(j => j.Task).ToArray(),
        Payloads: jobs.Select(j => j.Payload.AsArray()).ToArray(),
        QueueNames: jobs.Select(j => j.Queue).ToArray(),
        RunAts: jobs.Select(j => j.RunAt?.UtcDateTime).ToArray(),
        MaxAttempts: jobs.Select(j => j.MaxAttempts).ToArray(),
        Priorities: jobs.Select(j => j.Priority).ToArray());

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = DatabaseIds });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Identifiers });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = Payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = QueueNames, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = RunAts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = MaxAttempts });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Priorities });
    }
}
