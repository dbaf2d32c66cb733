using Jobs.Schema;
using Jobs.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Jobs;

/// <summary>
/// Enqueues jobs into app_jobs: one at a time through the schema's <c>add_job</c>, many in one
/// round trip, on its own connections or inside the caller's transaction. Thread-safe.
/// </summary>
public sealed class JobsClient
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlQueries _sql;
    private readonly Guid? _defaultDatabaseId;
    private readonly TimeProvider _time;

    /// <summary>A client over <paramref name="dataSource"/> (see <see cref="JobsDataSource.Create(string)"/>).</summary>
    public JobsClient(NpgsqlDataSource dataSource, JobsClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new JobsClientOptions();
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName(options.Schema));
        _defaultDatabaseId = options.DatabaseId;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Enqueues one job and returns it as stored.</summary>
    /// <exception cref="ArgumentException">A name, key or queue is out of the schema's limits, the payload is not JSON, or no database id is known.</exception>
    public async Task<JobRow> EnqueueAsync(string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await EnqueueAsync(connection, null, taskIdentifier, payload, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues one job on the caller's connection, inside <paramref name="transaction"/> when given:
    /// the job commits or rolls back with the caller's own work.
    /// </summary>
    public async Task<JobRow> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = Prepare(new JobRequest(taskIdentifier, payload, options), nameof(taskIdentifier));
        await using var command = new NpgsqlCommand(_sql.AddJob, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.DatabaseId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Task });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Payload });
        command.Parameters.Add(Nullable(row.Key, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(row.Queue, NpgsqlDbType.Text));
        command.Parameters.Add(row.RunAt is { } runAt ? new NpgsqlParameter<DateTime> { TypedValue = runAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz } : Nullable(null, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.MaxAttempts });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Priority });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
        return rows.Single();
    }

    /// <summary>Enqueues many jobs at once, with add_job's per-row semantics, and returns them as stored, in input order.</summary>
    public async Task<IReadOnlyList<JobRow>> EnqueueManyAsync(IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await EnqueueManyAsync(connection, null, jobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues many jobs on the caller's connection, inside <paramref name="transaction"/> when
    /// given (or the transaction the connection is already in); otherwise in a transaction of their
    /// own, so a failure stores none of them. Returns them as stored, in input order.
    /// </summary>
    /// <remarks>
    /// Many rows without keys go by binary COPY. Cancelling while they are being copied stores none
    /// of them but may leave <paramref name="connection"/> broken (Npgsql abandons a COPY in flight).
    /// </remarks>
    public async Task<IReadOnlyList<JobRow>> EnqueueManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(jobs);
        var rows = jobs.Select(job => Prepare(job, nameof(jobs))).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }

        // Keyed rows need add_job's upsert rules row by row; without keys a set-wise insert is
        // the same thing, several times faster. Binary COPY is faster still for many rows, but
        // its extra round trips cost more than they save on a few.
        var anyKey = rows.Any(r => r.Key is not null);
        if (!anyKey && rows.Length >= KeylessBulkInsert.MinimumRows)
        {
            return await KeylessBulkInsert.InsertAsync(_sql, connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }
        await using var command = new NpgsqlCommand(anyKey ? _sql.AddJobs : _sql.InsertJobs, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = rows.Select(r => r.DatabaseId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.Task).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.Payload).ToArray() });
        if (anyKey)
        {
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(r => r.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(r => r.Queue).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = rows.Select(r => r.RunAt?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => r.MaxAttempts).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => r.Priority).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private PreparedJob Prepare(JobRequest job, string parameterName)
    {
        JobLimits.ValidateTask(job.TaskIdentifier, parameterName);
        var options = job.Options ?? EnqueueOptions.Default;
        JobLimits.ValidateOptions(options, parameterName);
        JobLimits.ValidatePayload(job.Payload, parameterName);
        var databaseId = options.DatabaseId ?? _defaultDatabaseId
            ?? throw new ArgumentException("No database id: set JobsClientOptions.DatabaseId or EnqueueOptions.DatabaseId (app_jobs.jobs.database_id is NOT NULL).", parameterName);
        var runAt = options.RunAt ?? (options.Delay is { } delay ? _time.GetUtcNow() + delay : null);
        var (payloadText, payloadUtf8) = PreparedJob.Payloads(job.Payload);
        return new PreparedJob(databaseId, job.TaskIdentifier, payloadText, payloadUtf8, options.Key, options.Queue,
            runAt, options.MaxAttempts ?? 25, options.Priority ?? 0);
    }

    private static NpgsqlParameter Nullable(string? value, NpgsqlDbType type) =>
        new() { Value = value is null ? DBNull.Value : value, NpgsqlDbType = type };
}
