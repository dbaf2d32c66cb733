using Jobs.Worker;

namespace Jobs;

/// <summary>What runs beside the fetch loop: lock renewal for every attempt held, the rescue of dead workers' locks, the history's pruning, the ready-depth gauge.</summary>
public sealed partial class JobsWorker
{
    private async Task RenewLocksAsync(JobStore store, CancellationToken cancellationToken)
    {
        // Renew well before expiry, so a healthy long job never looks abandoned.
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, _options.JobExpiry.Ticks / 4));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                // Every lock older than half a tick: one just short of a whole tick would otherwise
                // wait for the next, and reach half the expiry before it is renewed.
                var due = _localQueue.LockedLongerThan(interval / 2, now);
                if (due.Length == 0)
                {
                    continue;
                }
                if (BeforeLockRenewal is { } gate)
                {
                    await gate(cancellationToken).ConfigureAwait(false);
                }
                var renewed = await store.RenewLocksAsync(due.Select(held => held.Id).Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
                foreach (var (id, attempt, lockedAt) in renewed)
                {
                    // Only the attempt the row is in now: an older attempt of the same job, whose
                    // result still waits, must not learn the new lock time and pass for it.
                    _localQueue.LockWritten(id, attempt, lockedAt, now);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.LockRenewalFailed(_logger, ex);
            }
        }
    }

    /// <summary>
    /// Frees the locks of dead workers once at start and then every <see cref="RescueInterval"/>:
    /// on 0.47 get_job never takes an expired lock, and on every shape a dead worker's named queue
    /// would otherwise wait for the next fetch that looks at it.
    /// </summary>
    private Task RescueExpiredLocksAsync(JobStore store, FirstRounds.Round firstRound, CancellationToken cancellationToken) =>
        RepeatAsync(async ct =>
        {
            var (jobs, queues) = await store.RescueExpiredLocksAsync(ct).ConfigureAwait(false);
            if (jobs + queues > 0)
            {
                Log.ExpiredLocksRescued(_logger, jobs, queues, _options.JobExpiry);
                _signal.Set();
            }
            return false;
        }, RescueInterval, ex => Log.RescueFailed(_logger, ex), firstRound, cancellationToken);

    /// <summary>
    /// Deletes history records past the retention, a batch at a time: again at once while batches
    /// come back full (a backlog, say after the retention was shortened), else every
    /// <see cref="HistoryPruneInterval"/>. Workers prune side by side without waiting on each other.
    /// </summary>
    private Task PruneHistoryAsync(JobStore store, FirstRounds.Round firstRound, CancellationToken cancellationToken) =>
        RepeatAsync(async ct =>
        {
            var pruned = await store.PruneHistoryAsync(HistoryPruneBatch, ct).ConfigureAwait(false);
            if (pruned > 0)
            {
                Log.HistoryPruned(_logger, pruned);
            }
            return pruned == HistoryPruneBatch;
        }, HistoryPruneInterval, ex => Log.HistoryPruneFailed(_logger, ex), firstRound, cancellationToken);

    /// <summary>
    /// Deletes the creation contexts of jobs that are gone (completed, deleted), a batch at a time,
    /// as <see cref="PruneHistoryAsync"/> does; without the trace schema it asks once and stops.
    /// </summary>
    private Task SweepTraceContextsAsync(FirstRounds.Round firstRound, CancellationToken cancellationToken) =>
        RepeatAsync(async ct =>
        {
            var swept = await _traces.SweepAsync(_dataSource, HistoryPruneBatch, ct).ConfigureAwait(false);
            if (swept > 0)
            {
                Log.TraceContextsSwept(_logger, swept);
            }
            return swept == HistoryPruneBatch;
        }, HistoryPruneInterval, ex => Log.TraceContextSweepFailed(_logger, ex), firstRound, cancellationToken);

    /// <summary>Records deleted per statement: small enough that one delete holds its locks and WAL briefly.</summary>
    internal const int HistoryPruneBatch = 5000;

    /// <summary>How often a worker looks for records past the retention when the last batch was not full.</summary>
    internal static readonly TimeSpan HistoryPruneInterval = TimeSpan.FromMinutes(1);

    /// <summary>A quarter of the expiry, as lock renewal, but at least every minute: a freed job waits at most this long past its expiry.</summary>
    private TimeSpan RescueInterval => TimeSpan.FromTicks(Math.Clamp(_options.JobExpiry.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));

    private async Task SampleReadyDepthAsync(JobStore store, FirstRounds.Round firstRound, CancellationToken cancellationToken)
    {
        await RepeatAsync(async ct =>
        {
            JobsTelemetry.ReadyDepths[WorkerId] = await store.CountReadyAsync(ct).ConfigureAwait(false);
            return false;
        }, _options.ReadyDepthInterval, ex => Log.ReadyDepthFailed(_logger, ex), firstRound, cancellationToken).ConfigureAwait(false);
        JobsTelemetry.ReadyDepths.TryRemove(WorkerId, out _);
    }

    /// <summary>
    /// Runs <paramref name="step"/> until <paramref name="cancellationToken"/> is cancelled: after
    /// each run it waits <paramref name="interval"/> on the worker's clock, unless the step says to
    /// go again at once; a failure is handed to <paramref name="failed"/> (logged) and waited out alike.
    /// The first run waits for <paramref name="firstRound"/>'s turn, and ends it however it goes.
    /// </summary>
    private async Task RepeatAsync(Func<CancellationToken, Task<bool>> step, TimeSpan interval, Action<Exception> failed, FirstRounds.Round firstRound, CancellationToken cancellationToken)
    {
        try
        {
            await firstRound.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                bool again;
                try
                {
                    again = await step(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    failed(ex);
                    again = false;
                }
                finally
                {
                    firstRound.End();
                }
                if (!again)
                {
                    await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting: for its turn, or for the next round.
        }
        finally
        {
            // Stopped before its first round ran: the loops after it in line must not wait for it.
            firstRound.End();
        }
    }
}
