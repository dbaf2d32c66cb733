using System.Data.Common;
using static Jobs.Sql.RowReader;

namespace Jobs.Sql;

/// <summary>Reads the history's completed_jobs rows by column name (list_completed_jobs.sql, get_completed_job.sql).</summary>
internal sealed class CompletedJobReader : IRowReader<CompletedJobReader, CompletedJob>
{
    private readonly int _id, _databaseId, _queueName, _task, _payload, _priority, _attempts, _maxAttempts,
        _key, _createdAt, _runAt, _completedAt, _workerId;

    private CompletedJobReader(DbDataReader reader)
    {
        _id = reader.GetOrdinal("id");
        _databaseId = reader.GetOrdinal("database_id");
        _queueName = reader.GetOrdinal("queue_name");
        _task = reader.GetOrdinal("task_identifier");
        _payload = reader.GetOrdinal("payload");
        _priority = reader.GetOrdinal("priority");
        _attempts = reader.GetOrdinal("attempts");
        _maxAttempts = reader.GetOrdinal("max_attempts");
        _key = reader.GetOrdinal("key");
        _createdAt = reader.GetOrdinal("created_at");
        _runAt = reader.GetOrdinal("run_at");
        _completedAt = reader.GetOrdinal("completed_at");
        _workerId = reader.GetOrdinal("worker_id");
    }

    /// <inheritdoc />
    public static CompletedJobReader Create(DbDataReader reader) => new(reader);

    /// <inheritdoc />
    public CompletedJob? Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(_id),
        DatabaseId = NullableGuid(reader, _databaseId),
        QueueName = NullableString(reader, _queueName),
        TaskIdentifier = reader.GetString(_task),
        Payload = reader.GetString(_payload),
        Priority = reader.GetInt32(_priority),
        Attempts = reader.GetInt32(_attempts),
        MaxAttempts = reader.GetInt32(_maxAttempts),
        Key = NullableString(reader, _key),
        CreatedAt = NullableTimestamp(reader, _createdAt),
        RunAt = Timestamp(reader, _runAt),
        CompletedAt = Timestamp(reader, _completedAt),
        WorkerId = reader.GetString(_workerId),
    };

    /// <summary>Reads every row of the current result set.</summary>
    public static Task<List<CompletedJob>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        RowReader.ReadAllAsync<CompletedJobReader, CompletedJob>(reader, cancellationToken);
}
