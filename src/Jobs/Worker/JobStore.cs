using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// The worker's view of app_jobs: fetch, complete, fail, keep locks, release. Outcomes of both
/// strategies go through one <see cref="OutcomeWriter"/>, so a commit settles many jobs. A result
/// applies only to the attempt that produced it, while this worker holds that attempt's lock; one
/// that no longer does (its lock expired and the job was taken again) is logged, never applied.
/// </summary>
internal abstract class JobStore : IAsyncDisposable
{
    private readonly OutcomeWriter _writer;
    private readonly WorkerHealth _health;
    private readonly Func<long, int, DateTimeOffset?> _lockedAt;

    /// <param name="dataSource">Where the jobs are.</param>
    /// <param name="sql">The queries, for the schema.</param>
    /// <param name="shape">What the schema offers.</param>
    /// <param name="settings">The worker's id, tasks and expiry.</param>
    /// <param name="logger">Where failures and stale results are logged.</param>
    /// <param name="events">Who hears of written outcomes.</param>
    protected JobStore(NpgsqlDataSource dataSource, SqlQueries sql, SchemaShape shape, FetchSettings settings, ILogger logger, OutcomeEvents events)
    {
        DataSource = dataSource;
        Shape = shape;
        Sql = sql;
        Settings = settings;
        Logger = logger;
        _health = events.Health;
        _lockedAt = events.LockedAt;
        _writer = new OutcomeWriter(WriteAndReportStaleAsync, events, logger);
    }

    protected NpgsqlDataSource DataSource { get; }
    protected SqlQueries Sql { get; }
    protected SchemaShape Shape { get; }
    protected FetchSettings Settings { get; }
    protected ILogger Logger { get; }

    /// <summary>Locks and returns up to <paramref name="max"/> available jobs, in the order get_job would take them.</summary>
    public abstract Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken);

    /// <summary>Records success; written with the next batch (<see cref="FlushAsync"/> waits for it).</summary>
    public ValueTask CompleteAsync(JobRow job, CancellationToken cancellationToken) =>
        _writer.AddAsync(new JobOutcome(job.Id, job.Attempts, null, false), cancellationToken);

    /// <summary>Records failure with a non-empty message; permanent failures are never retried.</summary>
    public ValueTask FailAsync(JobRow job, string error, bool permanent, CancellationToken cancellationToken) =>
        _writer.AddAsync(new JobOutcome(job.Id, job.Attempts, ErrorFormatter.Limit(error), permanent), cancellationToken);

    /// <summary>Waits until every completion and failure recorded so far is written.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <summary>Writes one batch of outcomes in one round trip; returns the ids of the jobs whose outcome applied.</summary>
    protected abstract Task<HashSet<long>> WriteOutcomesAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Test seam: awaited before each write (see JobsWorker.BeforeOutcomeWrite).</summary>
    internal Func<CancellationToken, Task>? BeforeWrite { get; set; }

    private async Task WriteAndReportStaleAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } gate)
        {
            await gate(cancellationToken).ConfigureAwait(false);
        }
        var applied = await WriteOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);
        if (applied.Count == outcomes.Count)
        {
            return;
        }
        foreach (var outcome in outcomes.Where(o => !applied.Contains(o.JobId)))
        {
            Log.StaleOutcomeNotApplied(Logger, outcome.JobId, outcome.Attempt, outcome.Error is null ? "completion" : "failure", Settings.WorkerId);
        }
    }

    /// <summary>Runs <paramref name="batch"/> and collects the job ids every statement returns.</summary>
    protected static async Task<HashSet<long>> ReadAppliedAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        var applied = new HashSet<long>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        return applied;
    }

    /// <summary>Refreshes locked_at of the jobs this worker still holds, and of their queues; returns what was written, per job and attempt.</summary>
    public async Task<List<(long Id, int Attempt, DateTimeOffset LockedAt)>> RenewLocksAsync(long[] jobIds, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(DataSource, new RenewLocksQuery(Settings.WorkerId, jobIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var renewed = new List<(long, int, DateTimeOffset)>(jobIds.Length);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            renewed.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return renewed;
    }

    /// <summary>
    /// A batch of outcomes as the complete and fail queries take them: the completions and the
    /// failures (each null when there are none), with the lock time each attempt last had, as
    /// the worker wrote it (null once no longer held), read now, at the write. Sorted by job and
    /// attempt: the queries find each job's position with a binary search.
    /// </summary>
    protected (HeldResults? Completed, HeldFailures? Failed) Split(IReadOnlyList<JobOutcome> outcomes)
    {
        var sorted = outcomes.OrderBy(o => o.JobId).ThenBy(o => o.Attempt).ToArray();
        var completed = sorted.Where(o => o.Error is null).ToArray();
        var failed = sorted.Where(o => o.Error is not null).ToArray();
        return (completed.Length == 0 ? null : Held(completed),
            failed.Length == 0 ? null : new HeldFailures(Held(failed), failed.Select(o => o.Error!).ToArray(), failed.Select(o => o.Permanent).ToArray()));
    }

    private HeldResults Held(JobOutcome[] outcomes) => new(Settings.WorkerId,
        outcomes.Select(o => o.JobId).ToArray(),
        outcomes.Select(o => o.Attempt).ToArray(),
        outcomes.Select(o => _lockedAt(o.JobId, o.Attempt)?.UtcDateTime).ToArray());

    /// <summary>Deletes up to <paramref name="max"/> history records past the retention; returns how many.</summary>
    public async Task<int> PruneHistoryAsync(int max, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(DataSource, new PruneHistoryQuery(max));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Counts the jobs this worker could start now.</summary>
    public async Task<long> CountReadyAsync(CancellationToken cancellationToken)
    {
        var count = Shape.HasAvailabilityColumn
            ? Sql.BatchCommand(new ReadyCountAvailableQuery(Settings.TaskFilter))
            : Sql.BatchCommand(new ReadyCountQuery(Settings.TaskFilter, Settings.JobExpiry.TotalSeconds));
        await using var batch = After(Sql.BatchCommand(new JitOffQuery()), count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetInt64(0);
    }

    /// <summary>Runs <paramref name="fetch"/>, a statement locking and returning jobs, with the planner settings of fetch_planner_settings.sql.</summary>
    protected async Task<List<JobRow>> FetchJobsAsync(NpgsqlBatchCommand fetch, CancellationToken cancellationToken)
    {
        await using var batch = After(Sql.BatchCommand(new FetchPlannerSettingsQuery()), fetch);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><paramref name="command"/> in one transaction after <paramref name="settings"/>, a statement of set_config calls.</summary>
    private NpgsqlBatch After(NpgsqlBatchCommand settings, NpgsqlBatchCommand command)
    {
        var batch = DataSource.CreateBatch();
        batch.BatchCommands.Add(settings);
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>
    /// Frees the jobs and queues of dead workers: every lock older than the job expiry. Where the
    /// schema has force_unlock_workers (0.47), the workers whose every lock expired are handed to
    /// it first. Returns how many job locks and queue locks the final sweep freed.
    /// </summary>
    public async Task<(int Jobs, int Queues)> RescueExpiredLocksAsync(CancellationToken cancellationToken)
    {
        await using var batch = DataSource.CreateBatch();
        if (Shape.HasForceUnlockWorkers)
        {
            batch.BatchCommands.Add(Sql.BatchCommand(new ForceUnlockDeadWorkersQuery(Settings.JobExpiry.TotalSeconds)));
        }
        batch.BatchCommands.Add(Sql.BatchCommand(new RescueExpiredLocksQuery(Settings.JobExpiry.TotalSeconds)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (Shape.HasForceUnlockWorkers)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Gives back jobs fetched ahead that never started: unlocked, attempt returned, as
    /// release_jobs does for all of a worker's jobs, so other workers can take them at once.
    /// </summary>
    public Task ReleaseUnstartedAsync(JobRow[] jobs, CancellationToken cancellationToken) =>
        DatabaseRetry.RunAsync(async ct =>
        {
            // Sorted: the query finds each job's position with a binary search.
            var sorted = jobs.OrderBy(job => job.Id).ThenBy(job => job.Attempts).ToArray();
            await using var command = Sql.Command(DataSource, new ReleaseUnstartedJobsQuery(Settings.WorkerId,
                JobIds: sorted.Select(job => job.Id).ToArray(), Attempts: sorted.Select(job => job.Attempts).ToArray()));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "release unstarted jobs", Logger, _health, cancellationToken);

    /// <summary>release_jobs: unlocks what this worker holds and gives the attempts back.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        DatabaseRetry.RunAsync(async ct =>
        {
            await using var command = Sql.Command(DataSource, new ReleaseJobsQuery(Settings.WorkerId));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "release_jobs", Logger, _health, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>Sorts jobs as get_job takes them: (priority, run_at, id).</summary>
    protected static void SortAsGetJob(List<JobRow> jobs) =>
        jobs.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : a.RunAt != b.RunAt ? a.RunAt.CompareTo(b.RunAt)
            : a.Id.CompareTo(b.Id));
}
