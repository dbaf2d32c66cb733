using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>
/// add_job.sql: one job through the schema's add_job. <paramref name="DatabaseId"/> and each
/// value of <paramref name="Attribution"/> are passed only when given (<see cref="OptionalArguments"/>),
/// as further parameters after the seven the file declares.
/// </summary>
internal sealed record AddJobQuery(string Identifier, ReadOnlyMemory<byte> Payload, string? JobKey, string? QueueName, DateTimeOffset? RunAt,
    int MaxAttempts, int Priority, Guid? DatabaseId, JobAttribution? Attribution) : ISqlQuery
{
    private const int DeclaredParameters = 7;

    public static string File => "add_job";

    /// <summary>The call for <paramref name="job"/>, each value by name.</summary>
    public static AddJobQuery For(PreparedJob job) => new(
        Identifier: job.Task, Payload: job.Payload.Bytes, JobKey: job.Key, QueueName: job.Queue, RunAt: job.RunAt,
        MaxAttempts: job.MaxAttempts, Priority: job.Priority, DatabaseId: job.DatabaseId, Attribution: job.Attribution);

    private OptionalArguments Given => OptionalArgumentList.Given(DatabaseId, Attribution);

    public string Shape(string text) => OptionalArgumentList.ForOneCall(text, Given, DeclaredParameters + 1);

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Identifier });
        parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = Payload, NpgsqlDbType = NpgsqlDbType.Json });
        parameters.Add(OrNull.Text(JobKey));
        parameters.Add(OrNull.Text(QueueName));
        parameters.Add(RunAt is { } runAt
            ? new NpgsqlParameter<DateTime> { TypedValue = runAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz }
            : OrNull.TimestampTz(null));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxAttempts });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Priority });
        OptionalArgumentList.AddValues(parameters, Given, DatabaseId, Attribution);
    }
}
