using System.Diagnostics;
using Jobs.Worker;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jobs;

/// <summary>The slots: each takes jobs from the local queue and runs them, one DI scope per job, and hands the outcome to the writer.</summary>
public sealed partial class JobsWorker
{
    /// <summary>One of the Concurrency slots: runs jobs from the local queue until it is closed and empty.</summary>
    private async Task RunSlotAsync(JobStore store, CancellationToken jobsToken, CancellationToken writesToken)
    {
        while (await _localQueue.WaitToTakeAsync().ConfigureAwait(false))
        {
            if (!_localQueue.TryTake(out var job))
            {
                continue;
            }
            // Renewals run every quarter of the expiry: a lock unconfirmed for three quarters of it
            // may be lost. Its job is left to expire and be taken again, never started here beside
            // the worker that may have it now.
            if (!_localQueue.LockIsFresh(job, _time.GetUtcNow(), _options.JobExpiry * 3 / 4))
            {
                Log.StaleBufferedJobSkipped(_logger, job.Id, job.Attempts, WorkerId);
                _localQueue.Ended(job.Id, job.Attempts);
                _localQueue.TakenJobDone();
                continue;
            }
            // Taking a job changes no plan (one slot less idle, one job less buffered); ending one
            // does, but only once the buffer is low enough for a fetch to be due.
            Interlocked.Increment(ref _busySlots);
            try
            {
                await RunJobAsync(store, job, jobsToken, writesToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Increment(ref _finishedJobs);
                Interlocked.Decrement(ref _busySlots);
                _localQueue.TakenJobDone();
                if (_localQueue.Buffered <= Volatile.Read(ref _wakeAtOrBelow))
                {
                    _wake.Set();
                }
            }
        }
    }

    /// <summary>Runs <paramref name="job"/> and queues its outcome; returns the outcome, or null when nothing is to be written (cancelled by shutdown, the writer closed).</summary>
    private async Task<ExecutionOutcome?> RunJobAsync(JobStore store, JobRow job, CancellationToken jobsToken, CancellationToken writesToken)
    {
        var started = Stopwatch.GetTimestamp();
        var taskTag = new KeyValuePair<string, object?>("job.task", job.TaskIdentifier);
        // Nothing is built unless someone listens: a string per job adds up at 20,000 jobs/s.
        var creation = JobsTelemetry.ActivitySource.HasListeners() ? await CreationContextAsync(job, jobsToken).ConfigureAwait(false) : null;
        using var activity = MessagingSpans.StartProcess(job, WorkerId, creation, _options.ParentFirstAttemptOnCreation && job.Attempts == 1);
        Health.JobStarted();
        JobsTelemetry.JobsStarted.Add(1, taskTag);
        Log.JobStarted(_logger, job.Id, job.TaskIdentifier, job.Attempts);
        // The attempt stays held, its lock renewed, until its outcome is written; with nothing to
        // write (cancelled by shutdown, or the writer closed) it ends here.
        var outcomeQueued = false;
        try
        {
            var outcome = await ExecuteAsync(job, jobsToken).ConfigureAwait(false);
            if (outcome.Error is null)
            {
                if (outcome.Cancelled)
                {
                    return null;
                }
                await store.CompleteAsync(job, writesToken).ConfigureAwait(false);
                outcomeQueued = true;
                JobsTelemetry.JobsCompleted.Add(1, taskTag);
                Log.JobCompleted(_logger, job.Id, job.TaskIdentifier, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                var permanent = outcome.Permanent || job.Attempts >= job.MaxAttempts;
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
                await store.FailAsync(job, outcome.Error, outcome.Permanent, writesToken).ConfigureAwait(false);
                outcomeQueued = true;
                JobsTelemetry.JobsFailed.Add(1, taskTag, new KeyValuePair<string, object?>("permanent", permanent));
                if (permanent)
                {
                    Log.JobFailedPermanently(_logger, job.Id, job.TaskIdentifier, outcome.Error);
                }
            }
            return outcome;
        }
        catch (Exception ex) when (ex is System.Threading.Channels.ChannelClosedException || (ex is OperationCanceledException && writesToken.IsCancellationRequested))
        {
            // Shutdown gave up on the database, or the handler ignored cancellation and ended
            // after the worker stopped: the job was released or its lock expires; it runs again.
            return null;
        }
        finally
        {
            JobsTelemetry.JobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, taskTag);
            Health.JobEnded();
            if (!outcomeQueued)
            {
                _localQueue.Ended(job.Id, job.Attempts);
            }
        }
    }

    private async Task<ExecutionOutcome> ExecuteAsync(JobRow job, CancellationToken jobsToken)
    {
        if (!_tasks.TryGetValue(job.TaskIdentifier, out var task))
        {
            return ExecutionOutcome.Failed(
                $"No handler for task '{job.TaskIdentifier}' in worker {WorkerId} (it handles: {string.Join(", ", _tasks.Keys.Order(StringComparer.Ordinal))}).",
                permanent: true);
        }

        // The run's own source: cancelled by shutdown, or by the lease when the lock goes unconfirmed.
        using var run = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var shutdown = jobsToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), run);
        using var lease = _localQueue.StartLease(job, run, _time, _options.JobExpiry * 3 / 4);
        var limit = task.Descriptor.Timeout ?? _options.DefaultJobTimeout;
        // A linked source only for jobs with a time limit; the others take the run's token as it is.
        using var timeout = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(run.Token);
        timeout?.CancelAfter(limit!.Value);
        var token = timeout?.Token ?? run.Token;
        try
        {
            var scope = _scopeFactory?.CreateAsyncScope();
            try
            {
                var context = new JobContext(job, WorkerId, scope?.ServiceProvider ?? EmptyServiceProvider.Instance);
                await task.Dispatcher.DispatchAsync(context, token).ConfigureAwait(false);
            }
            finally
            {
                if (scope is { } s)
                {
                    await s.DisposeAsync().ConfigureAwait(false);
                }
            }
            return ExecutionOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (jobsToken.IsCancellationRequested)
        {
            // Cancelled by shutdown: no failure recorded; release_jobs gives the attempt back.
            return ExecutionOutcome.CancelledByShutdown;
        }
        catch (OperationCanceledException) when (lease.Lost(jobsToken))
        {
            Log.JobLockLost(_logger, job.Id, job.Attempts, WorkerId, lease.Limit);
            return ExecutionOutcome.Failed(
                $"Jobs.JobLockLostException: worker {WorkerId} could not confirm this job's lock for {lease.Limit} (renewals failed or hung), so it cancelled the run before the lock expired and another worker could start the job beside it.",
                permanent: false);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return ExecutionOutcome.Failed($"Jobs.JobTimeoutException: the job did not finish within its timeout of {limit}.", permanent: false);
        }
        catch (PermanentJobFailureException ex)
        {
            return ExecutionOutcome.Failed(ErrorFormatter.Format(ex), permanent: true);
        }
        catch (Exception ex)
        {
            Log.JobFailed(_logger, job.Id, job.TaskIdentifier, job.Attempts, job.MaxAttempts, ex);
            return ExecutionOutcome.Failed(ErrorFormatter.Format(ex), permanent: false);
        }
    }

    /// <summary>The context <paramref name="job"/> was enqueued in, when stored; a failure to read it only costs the link.</summary>
    private async Task<ActivityContext?> CreationContextAsync(JobRow job, CancellationToken cancellationToken)
    {
        try
        {
            return await _traces.ReadAsync(_dataSource, job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Log.TraceContextReadFailed(_logger, job.Id, ex);
            return null;
        }
    }
}
