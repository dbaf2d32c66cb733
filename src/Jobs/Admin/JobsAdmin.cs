using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

/// <summary>
/// Operations on stored jobs for operators, the CLI and dashboards. Changes go through the
/// schema's own admin functions where it has them, which refuse running jobs.
/// </summary>
/// <remarks>
/// An admin is scoped to one tenant when <see cref="JobsClientOptions.DatabaseId"/> is set: it
/// never returns, counts or changes the jobs of another database, even given their ids or keys
/// (those are treated as not found). Seeing every database takes an explicit
/// <see cref="ForAllDatabases"/>; an admin built without a database id sees every database, as
/// there is no tenant to keep it to.
/// </remarks>
public sealed partial class JobsAdmin
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlQueries _sql;
    private readonly SchemaShapeCache _shape;

    /// <summary>An admin API over <paramref name="dataSource"/>, scoped to <see cref="JobsClientOptions.DatabaseId"/> when it is set.</summary>
    public JobsAdmin(NpgsqlDataSource dataSource, JobsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new JobsClientOptions();
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName(options.Schema));
        _shape = new SchemaShapeCache(dataSource, _sql.Schema);
        DatabaseId = options.DatabaseId;
    }

    // A view of the same admin with another scope: the schema's shape is read once for all views.
    private JobsAdmin(JobsAdmin source, Guid? databaseId)
    {
        _dataSource = source._dataSource;
        _sql = source._sql;
        _shape = source._shape;
        DatabaseId = databaseId;
    }

    /// <summary>The database (tenant) whose jobs this admin sees and changes; null when it sees every database.</summary>
    public Guid? DatabaseId { get; }

    /// <summary>This admin, scoped to the jobs of <paramref name="databaseId"/> only.</summary>
    public JobsAdmin ForDatabase(Guid databaseId) => DatabaseId == databaseId ? this : new JobsAdmin(this, databaseId);

    /// <summary>
    /// This admin, seeing and changing the jobs of every database: the explicit opt-out of the
    /// tenant scope, for operators of the whole deployment.
    /// </summary>
    public JobsAdmin ForAllDatabases() => DatabaseId is null ? this : new JobsAdmin(this, null);

    /// <summary>The job with <paramref name="id"/>, or null (also when it belongs to another database than <see cref="DatabaseId"/>).</summary>
    public async Task<JobRow?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await QueryJobsAsync(new GetJobByIdQuery(id, DatabaseId), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Jobs matching <paramref name="filter"/> within <see cref="DatabaseId"/>, newest first.</summary>
    public Task<List<JobRow>> ListAsync(JobListFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new JobListFilter();
        ValidateListFilter(filter.Limit, filter.TaskIdentifier, filter.Queue, nameof(filter));
        ValidateText(filter);
        return QueryJobsAsync(new ListJobsQuery(
            TaskIdentifier: filter.TaskIdentifier,
            QueueName: filter.Queue,
            State: filter.State is { } state ? StateName(state) : null,
            BeforeId: filter.BeforeId,
            Limit: filter.Limit,
            DatabaseId: DatabaseId,
            Text: filter.Text), cancellationToken);
    }

    /// <summary>
    /// A page's limit must be positive, and a name the schema could never hold matches nothing:
    /// refusing it says why, where NUL would otherwise reach the server as SQLSTATE 22021.
    /// </summary>
    private static void ValidateListFilter(int limit, string? task, string? queue, string parameterName)
    {
        if (limit <= 0)
        {
            throw new ArgumentException("Limit must be positive.", parameterName);
        }
        if (task is not null)
        {
            JobLimits.ValidateTask(task, parameterName);
        }
        if (queue is not null)
        {
            JobLimits.ValidateQueue(queue, parameterName);
        }
    }

    /// <summary>A search text the database could not take (empty, NUL, a lone surrogate) is refused with the reason.</summary>
    private static void ValidateText(JobListFilter filter)
    {
        if (filter.Text is { } text)
        {
            if (text.Length == 0)
            {
                throw new ArgumentException("Text must not be empty: leave it null to match every job.", nameof(filter));
            }
            InputText.Check(text, "Text", nameof(filter));
        }
    }

    /// <summary>Makes the jobs due now with a fresh set of attempts; returns those changed (running jobs and other databases' jobs are not).</summary>
    public Task<List<JobRow>> RetryNowAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(new RetryJobsQuery(Ids(ids), DatabaseId), cancellationToken);

    /// <summary>Marks the jobs permanently failed with <paramref name="reason"/>; returns those changed (running jobs and other databases' jobs are not).</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> holds NUL or a lone surrogate, which a text column cannot store.</exception>
    public Task<List<JobRow>> PermanentlyFailAsync(IReadOnlyCollection<long> ids, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (reason is not null)
        {
            JobLimits.ValidateText(reason, "The reason", nameof(reason));
        }
        return QueryJobsAsync(new PermanentlyFailJobsQuery(Ids(ids), ErrorMessage: reason, DatabaseId: DatabaseId), cancellationToken);
    }

    /// <summary>Changes the given fields of the jobs; null leaves a field as it is. Returns those changed (running jobs and other databases' jobs are not).</summary>
    public Task<List<JobRow>> RescheduleAsync(IReadOnlyCollection<long> ids, DateTimeOffset? runAt = null, int? priority = null, int? attempts = null, int? maxAttempts = null, CancellationToken cancellationToken = default)
    {
        if (maxAttempts is <= 0)
        {
            throw new ArgumentException("maxAttempts must be at least 1.", nameof(maxAttempts));
        }
        return QueryJobsAsync(new RescheduleJobsQuery(Ids(ids),
            RunAt: runAt, Priority: priority, Attempts: attempts, MaxAttempts: maxAttempts, DatabaseId: DatabaseId), cancellationToken);
    }

    /// <summary>Deletes the jobs; returns those deleted (running jobs and other databases' jobs are not).</summary>
    public Task<List<JobRow>> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(new DeleteJobsQuery(Ids(ids), DatabaseId), cancellationToken);

    /// <summary>
    /// Removes the job holding <paramref name="key"/>, as 0.47's <c>remove_job</c> does: a job that
    /// is not running (or whose lock is older than 4 hours) is deleted; a running one is defused, so
    /// it finishes but loses its key and is never retried. Only a job of <see cref="DatabaseId"/> is
    /// touched; another database's job with the key counts as not found.
    /// </summary>
    /// <remarks>
    /// Uses the schema's <c>remove_job</c> where it has one, otherwise one statement of ours with
    /// the same rules (0.16 schemas).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, longer than the schema allows (<see cref="JobLimits.KeyMaxExclusive"/>), or holds NUL or a lone surrogate.</exception>
    /// <exception cref="UnsupportedSchemaException">The schema lacks something the framework calls.</exception>
    public async Task<JobRemoval> RemoveByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        JobLimits.ValidateKey(key, nameof(key));
        var shape = await _shape.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = shape.HasRemoveJob
            ? await QueryJobsAsync(new RemoveJobQuery(key, DatabaseId), cancellationToken).ConfigureAwait(false)
            : await QueryJobsAsync(new RemoveJobInlineQuery(key, DatabaseId), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return new JobRemoval(JobRemovalOutcome.NotFound, null);
        }
        // A deleted row comes back as it was, key and all; a defused one without its key.
        var job = rows[0];
        return new JobRemoval(job.Key is null ? JobRemovalOutcome.Defused : JobRemovalOutcome.Removed, job);
    }

    /// <summary>
    /// Frees the jobs and queues held by dead workers at once, instead of waiting for their locks to
    /// expire. Returns the number of jobs freed.
    /// </summary>
    /// <remarks>
    /// Not scoped to <see cref="DatabaseId"/>: a worker id names a process, not a tenant's data, and
    /// one worker serves many databases. Freeing only some of a dead worker's jobs would leave the
    /// rest, and the named queues they hold (queues are shared by every database), locked.
    /// </remarks>
    public async Task<int> UnlockWorkersAsync(IReadOnlyCollection<string> workerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerIds);
        foreach (var workerId in workerIds)
        {
            ArgumentNullException.ThrowIfNull(workerId, nameof(workerIds));
            JobLimits.ValidateText(workerId, "A worker id", nameof(workerIds));
        }
        await using var command = _sql.Command(_dataSource, new UnlockWorkersQuery(workerIds.ToArray()));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Every named queue with its job count and lock. Scoped to <see cref="DatabaseId"/>, only queues
    /// holding jobs of that database are listed, with those jobs counted; a queue's lock is shown
    /// whichever database's job holds it, since that is what keeps the queue's other jobs waiting.
    /// </summary>
    public async Task<List<QueueStatistics>> GetQueuesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _sql.Command(_dataSource, new QueueStatisticsQuery(DatabaseId));
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

    /// <summary>Counts of jobs per state, within <see cref="DatabaseId"/>.</summary>
    public async Task<JobStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _sql.Command(_dataSource, new JobStatisticsQuery(DatabaseId));
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

    private async Task<List<JobRow>> QueryJobsAsync<TQuery>(TQuery query, CancellationToken cancellationToken) where TQuery : ISqlQuery
    {
        await using var command = _sql.Command(_dataSource, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static long[] Ids(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.ToArray();
    }
}
