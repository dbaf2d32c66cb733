using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>
/// add_jobs.sql: many jobs through add_job in one statement, one array element per job. Every job
/// passes the same optional arguments (<see cref="OptionalArguments"/>, those the first one gives):
/// one array each of <paramref name="DatabaseIds"/> and the values of <paramref name="Attributions"/>,
/// as further parameters after the seven the file declares.
/// </summary>
internal sealed record AddJobsQuery(string[] Identifiers, byte[][] Payloads, string?[] JobKeys, string?[] QueueNames, DateTime?[] RunAts,
    int[] MaxAttempts, int[] Priorities, Guid?[] DatabaseIds, JobAttribution?[] Attributions) : ISqlQuery
{
    private const int DeclaredParameters = 7;

    public static string File => "add_jobs";

    /// <summary>The statement for <paramref name="jobs"/>, which give the same optional arguments; each column by name.</summary>
    public static AddJobsQuery For(IReadOnlyCollection<PreparedJob> jobs) => new(
        Identifiers: jobs.Select(j => j.Task).ToArray(),
        Payloads: jobs.Select(j => j.Payload.AsArray()).ToArray(),
        JobKeys: jobs.Select(j => j.Key).ToArray(),
        QueueNames: jobs.Select(j => j.Queue).ToArray(),
        RunAts: jobs.Select(j => j.RunAt?.UtcDateTime).ToArray(),
        MaxAttempts: jobs.Select(j => j.MaxAttempts).ToArray(),
        Priorities: jobs.Select(j => j.Priority).ToArray(),
        DatabaseIds: jobs.Select(j => j.DatabaseId).ToArray(),
        Attributions: jobs.Select(j => j.Attribution).ToArray());

    private OptionalArguments Given =>
        DatabaseIds.Length == 0 ? OptionalArguments.None : OptionalArgumentList.Given(DatabaseIds[0], Attributions[0]);

    public string Shape(string text) => OptionalArgumentList.ForRows(text, Given, DeclaredParameters + 1);

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Identifiers });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = Payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = JobKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = QueueNames, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = RunAts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = MaxAttempts });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Priorities });
        OptionalArgumentList.AddArrays(parameters, Given, DatabaseIds, Attributions);
    }
}
