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
        // A task this worker does not handle is refused here: run, it would fail for good ("no handler").
        if (await ReadAsync(jobId, cancellationToken).ConfigureAwait(false) is { } stored && !_tasks.ContainsKey(stored.TaskIdentifier))
        {
            throw new InvalidOperationException(
                $"Job {jobId} cannot run on this worker: it handles no task '{stored.TaskIdentifier}' (it handles: {string.Join(", ", _tasks.Keys.Order(StringComparer.Ordinal))}).");
        }
        var shape = await StartupShape.ReadAsync(_dataSource, _sql.Schema, _logger, cancellationToken).ConfigureAwait(false);
        var recordsHistory = _options.RecordHistory && await StartupShape.RecordsHistoryAsync(_dataSource, _sql, _logger, cancellationToken).ConfigureAwait(false);
        var settings = new FetchSettings(WorkerId, _tasks.Keys.ToArray(), _options.JobExpiry, recordsHistory);
        var events = new OutcomeEvents(_signal, Settled, Health, _time, _localQueue.DatabaseLockedAt);
        await using JobStore store = _options.FetchStrategy == FetchStrategy.Batched
            ? new BatchedJobStore(_dataSource, _sql, shape, settings, _logger, events)
            : new SchemaFunctionStore(_dataSource, _sql, shape, settings, _logger, events);

        var job = await LockAsync(jobId, cancellationToken).ConfigureAwait(false);
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

    private async Task<JobRow> LockAsync(long jobId, CancellationToken cancellationToken)
    {
        await using (var command = _sql.Command(_dataSource, new LockJobQuery(WorkerId, jobId, _options.JobExpiry.TotalSeconds)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var locked = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            if (locked.Count == 1)
            {
                return locked[0];
            }
        }
        var job = await ReadAsync(jobId, cancellationToken).ConfigureAwait(false);
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
