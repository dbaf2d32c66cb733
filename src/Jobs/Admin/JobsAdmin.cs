using Jobs.Schema;
using Jobs.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Jobs;

/// <summary>
/// Operations on stored jobs for operators, the CLI and dashboards. Changes go through the
/// schema's own admin functions where it has them, which refuse running jobs.
/// </summary>
public sealed class JobsAdmin
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlQueries _sql;

    /// <summary>An admin API over <paramref name="dataSource"/>.</summary>
    public JobsAdmin(NpgsqlDataSource dataSource, JobsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName((options ?? new JobsClientOptions()).Schema));
    }

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    public async Task<JobRow?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await QueryJobsAsync(_sql.GetJobById, [new NpgsqlParameter<long> { TypedValue = id }], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Jobs matching <paramref name="filter"/>, newest first.</summary>
    public Task<List<JobRow>> ListAsync(JobListFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new JobListFilter();
        if (filter.Limit <= 0)
        {
            throw new ArgumentException("Limit must be positive.", nameof(filter));
        }
        return QueryJobsAsync(_sql.ListJobs,
        [
            Text(filter.TaskIdentifier),
            Text(filter.Queue),
            Text(filter.State is { } state ? StateName(state) : null),
            new NpgsqlParameter { Value = filter.BeforeId is { } before ? before : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            new NpgsqlParameter<int> { TypedValue = filter.Limit },
        ], cancellationToken);
    }

    /// <summary>Makes the jobs due now with a fresh set of attempts; returns those changed (running jobs are not).</summary>
    public Task<List<JobRow>> RetryNowAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(_sql.RetryJobs, [Ids(ids)], cancellationToken);

    /// <summary>Marks the jobs permanently failed with <paramref name="reason"/>; returns those changed (running jobs are not).</summary>
    public Task<List<JobRow>> PermanentlyFailAsync(IReadOnlyCollection<long> ids, string? reason = null, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(_sql.PermanentlyFailJobs, [Ids(ids), Text(reason)], cancellationToken);

    /// <summary>Changes the given fields of the jobs; null leaves a field as it is. Returns those changed (running jobs are not).</summary>
    public Task<List<JobRow>> RescheduleAsync(IReadOnlyCollection<long> ids, DateTimeOffset? runAt = null, int? priority = null, int? attempts = null, int? maxAttempts = null, CancellationToken cancellationToken = default)
    {
        if (maxAttempts is <= 0)
        {
            throw new ArgumentException("maxAttempts must be at least 1.", nameof(maxAttempts));
        }
        return QueryJobsAsync(_sql.RescheduleJobs,
        [
            Ids(ids),
            new NpgsqlParameter { Value = runAt is { } r ? r.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            Int(priority),
            Int(attempts),
            Int(maxAttempts),
        ], cancellationToken);
    }

    /// <summary>Deletes the jobs; returns those deleted (running jobs are not).</summary>
    public Task<List<JobRow>> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(_sql.DeleteJobs, [Ids(ids)], cancellationToken);

    /// <summary>Frees the jobs and queues held by dead workers at once, instead of waiting for their locks to expire. Returns the number of jobs freed.</summary>
    public async Task<int> UnlockWorkersAsync(IReadOnlyCollection<string> workerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerIds);
        await using var command = _dataSource.CreateCommand(_sql.UnlockWorkers);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = workerIds.ToArray() });
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every named queue with its job count and lock.</summary>
    public async Task<List<QueueStatistics>> GetQueuesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.QueueStatistics);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var queues = new List<QueueStatistics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            queues.Add(new QueueStatistics(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return queues;
    }

    /// <summary>Counts of jobs per state.</summary>
    public async Task<JobStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.JobStatistics);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        TimeSpan? oldest = reader.IsDBNull(5) ? null : DateTimeOffset.UtcNow - new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc));
        return new JobStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), oldest);
    }

    internal static string StateName(JobState state) => state switch
    {
        JobState.Ready => "ready",
        JobState.Scheduled => "scheduled",
        JobState.Running => "running",
        JobState.Failing => "failing",
        JobState.PermanentlyFailed => "permanently_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private async Task<List<JobRow>> QueryJobsAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Ids(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new NpgsqlParameter<long[]> { TypedValue = ids.ToArray() };
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = value is null ? DBNull.Value : value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Int(int? value) => new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };
}
