using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Worker;

namespace Jobs;

// One job run on request, through the same pipeline as the slots: for tests and for operators.
public sealed partial class JobsWorker
{
    /// <summary>
    /// Runs job <paramref name="jobId"/> once, now, whatever its run_at, as this worker runs every
    /// job: its lock and its named queue's taken (the job must be free, with attempts left, and its
    /// queue free), its handler called in a DI scope of its own with the generated payload reader,
    /// its time limit, its error handling, and its outcome written (recorded in the history where
    /// that is installed). Cancelling <paramref name="cancellationToken"/> cancels the handler and
    /// gives the attempt back. Jobs.Testing's harness runs jobs with it. Not while
    /// <see cref="RunAsync"/> runs; one call at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The worker is running, or the job cannot run now (the message says why: missing, locked, out of attempts, its queue held, or a task this worker does not handle).</exception>
    public async Task<JobWorkResult> WorkAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _started) == 1)
        {
            throw new InvalidOperationException("WorkAsync runs jobs of a worker that is not running; this one runs (RunAsync).");
        }
        var (shape, settings) = _workSetup ??= await ReadWorkSetupAsync(cancellationToken).ConfigureAwait(false);
        var events = new OutcomeEvents(_signal, Settled, Health, _time, _localQueue.DatabaseLockedAt);
        await using JobStore store = _options.FetchStrategy == FetchStrategy.Batched
            ? new BatchedJobStore(_dataSource, _sql, shape, settings, _logger, events)
            : new SchemaFunctionStore(_dataSource, _sql, shape, settings, _logger, events);

        var job = await LockAsync(jobId, settings.TaskFilter!, cancellationToken).ConfigureAwait(false);
        var outcome = await RunJobAsync(store, job, cancellationToken, CancellationToken.None).ConfigureAwait(false);
        if (outcome is null)
        {
            await store.ReleaseUnstartedAsync([job], CancellationToken.None).ConfigureAwait(false);
            return new JobWorkResult(job, JobWorkOutcome.Cancelled, null, await ReadAsync(jobId, CancellationToken.None).ConfigureAwait(false));
        }
        await store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var after = await ReadAsync(jobId, CancellationToken.None).ConfigureAwait(false);
        var result = outcome.Value.Error is null ? JobWorkOutcome.Completed
            : outcome.Value.Permanent || job.Attempts >= job.MaxAttempts ? JobWorkOutcome.FailedPermanently
            : JobWorkOutcome.Failed;
        return new JobWorkResult(job, result, outcome.Value.Error, after);
    }

    // What every WorkAsync of this worker needs from the database, read at its first: a drain runs
    // many jobs on one worker.
    private (SchemaShape Shape, FetchSettings Settings)? _workSetup;

    private async Task<(SchemaShape, FetchSettings)> ReadWorkSetupAsync(CancellationToken cancellationToken)
    {
        var shape = await StartupShape.ReadAsync(_dataSource, _sql.Schema, _logger, cancellationToken).ConfigureAwait(false);
        var recordsHistory = _options.RecordHistory && await StartupShape.RecordsHistoryAsync(_dataSource, _sql, _logger, cancellationToken).ConfigureAwait(false);
        return (shape, new FetchSettings(WorkerId, _tasks.Keys.ToArray(), _options.JobExpiry, recordsHistory));
    }

    /// <summary>Takes the job; when it cannot run now, reads it to say why.</summary>
    private async Task<JobRow> LockAsync(long jobId, string[] tasks, CancellationToken cancellationToken)
    {
        await using (var command = _sql.Command(_dataSource, new LockJobQuery(WorkerId, jobId, _options.JobExpiry.TotalSeconds, tasks)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var locked = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            if (locked.Count == 1)
            {
                return locked[0];
            }
        }
        var job = await ReadAsync(jobId, cancellationToken).ConfigureAwait(false);
        // A task this worker does not handle is refused: run, it would fail for good ("no handler").
        if (job is not null && !_tasks.ContainsKey(job.TaskIdentifier))
        {
            throw new InvalidOperationException(
                $"Job {jobId} cannot run on this worker: it handles no task '{job.TaskIdentifier}' (it handles: {string.Join(", ", _tasks.Keys.Order(StringComparer.Ordinal))}).");
        }
        throw new InvalidOperationException($"Job {jobId} cannot run now: " + (job switch
        {
            null => "there is no such job (completed jobs leave the table).",
            { Attempts: var attempts, MaxAttempts: var max } when attempts >= max => $"it has no attempts left ({attempts} of {max}).",
            { LockedBy: { } holder } => $"it is locked by {holder}.",
            _ => $"its queue '{job.QueueName}' is held by another job.",
        }));
    }

    private async Task<JobRow?> ReadAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var command = _sql.Command(_dataSource, new GetJobByIdQuery(jobId, null));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
