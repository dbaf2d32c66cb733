using System.Diagnostics;
using Jobs.Worker;

namespace Jobs;

/// <summary>The fetch loop: how many jobs to fetch and when, two fetches in flight at most, the fetched jobs held in the local queue.</summary>
public sealed partial class JobsWorker
{
    /// <summary>The fetch, as health names it when the role may not run it.</summary>
    private const string FetchOperation = "fetch";

    private async Task FetchLoopAsync(JobStore store, CancellationToken stoppingToken)
    {
        var planner = new FetchPlanner(_options.EffectiveLocalQueueSize, fixedSize: _options.LocalQueueSize is not null);
        var fetches = new List<PendingFetch>(FetchesInFlight);
        var drained = false;
        long drainedSignals = 0, drainedSince = 0, pausedUntil = 0;
        var retryDelay = TimeSpan.FromMilliseconds(100);
        try
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                // The poll and the back-off run on the worker's clock (a test's fake one moves them);
                // the fetch planner measures the real rate of finishes, so it reads the stopwatch.
                var now = _time.GetTimestamp();
                for (var i = fetches.Count - 1; i >= 0; i--)
                {
                    var fetch = fetches[i];
                    if (!fetch.Jobs.IsCompleted)
                    {
                        continue;
                    }
                    fetches.RemoveAt(i);
                    if (fetch.Jobs.Exception is { } failure)
                    {
                        var error = failure.InnerException ?? failure;
                        Health.FetchFailed(error.Message, _time.GetUtcNow());
                        if (MissingPrivilege.In(error) is { } missing)
                        {
                            if (Health.PrivilegeMissing(FetchOperation, missing))
                            {
                                Log.PrivilegeMissing(_logger, FetchOperation, missing, error);
                            }
                        }
                        else
                        {
                            Log.FetchFailed(_logger, retryDelay, error);
                        }
                        pausedUntil = now + (long)(retryDelay.TotalSeconds * _time.TimestampFrequency);
                        retryDelay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, retryDelay.Ticks * 2));
                        continue;
                    }
                    retryDelay = TimeSpan.FromMilliseconds(100);
                    Health.OperationSucceeded(FetchOperation);
                    var jobs = fetch.Jobs.Result;
                    Hold(jobs, fetch.SentAt);
                    // A short fetch that took a named queue's job may have passed over more of that
                    // queue's jobs among its candidates (the batched fetch takes one per queue), with
                    // other jobs ready behind them: fetch again at once. The next fetch skips that
                    // queue, so this costs at most one more round trip before a real wait.
                    if (jobs.Count < fetch.Wanted && !drained && !jobs.Exists(job => job.QueueName is not null))
                    {
                        // Nothing more to take for now. What started the wait is a NOTIFY or a
                        // written outcome (named queues unlocked) since this fetch began, or the poll.
                        (drained, drainedSignals, drainedSince) = (true, fetch.SignalsAtStart, now);
                    }
                }
                if (drained && (_signal.Sets > drainedSignals || now - drainedSince >= _pollTicks))
                {
                    drained = false;
                }

                if (!drained && now >= pausedUntil && fetches.Count < FetchesInFlight)
                {
                    var requested = fetches.Sum(f => f.Wanted);
                    // Buffered from the jobs buffered or running less the busy slots, not from the
                    // buffer's own count: a slot takes a job from the buffer a moment before it counts
                    // itself busy, and a job read in neither count was fetched once too often (a
                    // worker held 11 jobs for 2 slots and 8 buffered). Idle + target - buffered, all
                    // that the plan depends on, no longer depends on when the busy slots are read.
                    var busy = Volatile.Read(ref _busySlots);
                    var wanted = planner.Plan(
                        idle: _options.Concurrency - busy,
                        buffered: _localQueue.BufferedOrRunning - busy + requested,
                        finished: Interlocked.Read(ref _finishedJobs),
                        timestamp: Stopwatch.GetTimestamp());
                    // A fetch is due only with at most (target + 1) / 2 + Concurrency buffered:
                    // slots wake the loop from that level down.
                    Volatile.Write(ref _wakeAtOrBelow, (planner.Target + 1) / 2 + _options.Concurrency);
                    if (wanted > 0)
                    {
                        fetches.Add(StartFetch(store, wanted));
                        continue;
                    }
                }

                // Wait for whatever can change the plan: a slot ending a job (once few are left), a fetch
                // coming back, a NOTIFY or written outcome, the poll, or the end of a back-off.
                var timeout = drained ? TimeSpan.FromSeconds((double)Math.Max(0, drainedSince + _pollTicks - now) / _time.TimestampFrequency)
                    : pausedUntil > now ? TimeSpan.FromSeconds((double)(pausedUntil - now) / _time.TimestampFrequency)
                    : _options.PollInterval;
                await _wake.WaitAsync(timeout, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Fetches still in flight lock their jobs: hold them, so shutdown releases them at once.
            var last = Task.WhenAll(fetches.Select(f => f.Jobs));
            await Task.WhenAny(last, GraceOver).ConfigureAwait(false);
            foreach (var fetch in fetches.Where(f => f.Jobs.IsCompletedSuccessfully))
            {
                Hold(fetch.Jobs.Result, fetch.SentAt);
            }
        }
    }

    private PendingFetch StartFetch(JobStore store, int wanted)
    {
        var signals = _signal.Sets;
        var sentAt = _time.GetUtcNow();
        Health.FetchStarted(sentAt);
        var jobs = Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            // Not cancelled by shutdown: a fetch cut off after the database locked its jobs
            // would leave them locked until they expire. Shutdown waits for it instead.
            var fetched = await store.FetchAsync(wanted, CancellationToken.None).ConfigureAwait(false);
            Health.FetchSucceeded(_time.GetUtcNow());
            JobsTelemetry.FetchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            JobsTelemetry.FetchSize.Record(fetched.Count);
            return fetched;
        });
        // Wake the loop once the task has completed, not from inside it: woken earlier, the loop
        // would find the fetch unfinished and sleep through its end.
        jobs.ContinueWith(static (_, wake) => ((WorkSignal)wake!).Set(), _wake, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new PendingFetch(wanted, signals, sentAt, jobs);
    }

    // The lock is dated from when the fetch was sent, the latest the database can have written it
    // before: a result that came back late, or waited for the loop, must not make the lock look younger.
    private void Hold(List<JobRow> jobs, DateTimeOffset sentAt) => _localQueue.Add(jobs, sentAt);

    /// <summary>A fetch in flight: how many jobs it asked for, how many NOTIFYs and writes had come when it began, and when that was.</summary>
    private sealed record PendingFetch(int Wanted, long SignalsAtStart, DateTimeOffset SentAt, Task<List<JobRow>> Jobs);
}
