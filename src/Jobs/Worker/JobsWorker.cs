using System.Diagnostics;
using Jobs.Schema;
using Jobs.Sql;
using Jobs.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jobs;

/// <summary>
/// Runs jobs from app_jobs: up to <see cref="JobsWorkerOptions.Concurrency"/> at a time, woken by
/// LISTEN/NOTIFY with polling as a fallback, each job in its own DI scope. Stopping lets running
/// jobs finish within the grace period, cancels the rest and gives their attempts back.
/// </summary>
public sealed class JobsWorker
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JobsWorkerOptions _options;
    private readonly SqlQueries _sql;
    private readonly IServiceScopeFactory? _scopeFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RegisteredTask> _tasks;

    /// <summary>
    /// Fetches at once: while one statement locks and returns a batch, the next can already run
    /// on another connection, so slots never wait for a whole round trip and commit.
    /// </summary>
    private const int FetchesInFlight = 2;

    private readonly LocalQueue _localQueue = new();
    private readonly WorkSignal _wake = new();
    private readonly WorkSignal _signal;
    private readonly long _pollTicks;
    private int _busySlots;
    private int _wakeAtOrBelow = int.MaxValue;
    private long _finishedJobs;
    private int _started;

    /// <summary>A worker running the tasks of <paramref name="dispatchers"/>.</summary>
    /// <exception cref="ArgumentException">Options are invalid, or no dispatcher offers a task.</exception>
    /// <exception cref="InvalidOperationException">Two dispatchers claim the same task name.</exception>
    public JobsWorker(
        NpgsqlDataSource dataSource,
        IEnumerable<IJobDispatcher> dispatchers,
        JobsWorkerOptions? options = null,
        JobsClientOptions? clientOptions = null,
        IServiceScopeFactory? scopeFactory = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(dispatchers);
        _options = options ?? new JobsWorkerOptions();
        _options.Validate();
        ListenerGuard.Check(dataSource, _options.UseListenNotify, _options.ListenConnectionString, "JobsWorkerOptions");
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName((clientOptions ?? new JobsClientOptions()).Schema));
        _scopeFactory = scopeFactory;
        _logger = (ILogger?)loggerFactory?.CreateLogger<JobsWorker>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _tasks = RegisteredTask.Merge(dispatchers);
        _signal = new WorkSignal(alsoWakes: _wake);
        _pollTicks = (long)(_options.PollInterval.TotalSeconds * Stopwatch.Frequency);
        WorkerId = _options.WorkerId ?? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
        Health = new WorkerHealth { Clock = _time, Thresholds = _options.Thresholds, WorkerId = WorkerId, ListenerConnected = !_options.UseListenNotify };
    }

    /// <summary>The id written to locked_by.</summary>
    public string WorkerId { get; }

    /// <summary>Live state for health checks.</summary>
    public WorkerHealth Health { get; }

    /// <summary>The task names this worker has handlers for.</summary>
    public IReadOnlyCollection<string> TaskNames => _tasks.Keys;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then shuts down cleanly. A worker runs once.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A JobsWorker runs once; create another to run again.");
        }

        var filter = _options.TaskIdentifiers?.ToArray() ?? _tasks.Keys.ToArray();
        var settings = new FetchSettings(WorkerId, filter, _options.JobExpiry);
        // The whole stop fits ShutdownTimeout from the moment it is asked for; a host that stops
        // waiting sooner ends it through StopNow.
        using var writes = _stopBudget;
        using var stopping = stoppingToken.Register(() => TryCancelAfter(writes, _options.ShutdownTimeout));
        using var runningJobs = new CancellationTokenSource();
        using var background = new CancellationTokenSource();
        SchemaShape shape;
        try
        {
            shape = await StartupShape.ReadAsync(_dataSource, _sql.Schema, _logger, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before it started: nothing fetched, nothing to release.
            return;
        }
        var outcomeEvents = new OutcomeEvents(_signal, Settled, Health, _time);
        await using JobStore store = _options.FetchStrategy == FetchStrategy.Batched
            ? new BatchedJobStore(_dataSource, _sql, shape, settings, _logger, outcomeEvents)
            : new SchemaFunctionStore(_dataSource, _sql, shape, settings, _logger, outcomeEvents);
        store.BeforeWrite = BeforeOutcomeWrite;

        Log.WorkerStarted(_logger, WorkerId, _options.Concurrency, _options.FetchStrategy, string.Join(",", filter));
        Health.IsRunning = true;
        await using var listenSource = ListenerGuard.DirectSource(_options.UseListenNotify, _options.ListenConnectionString);
        var listener = _options.UseListenNotify
            ? Task.Run(() => new NotificationListener(listenSource ?? _dataSource, _signal, Health, _logger, _options.Listener).RunAsync(background.Token), CancellationToken.None)
            : Task.CompletedTask;
        var renewer = Task.Run(() => RenewLocksAsync(store, background.Token), CancellationToken.None);
        var rescuer = Task.Run(() => RescueExpiredLocksAsync(store, background.Token), CancellationToken.None);
        var sampler = _options.ReadyDepthInterval > TimeSpan.Zero
            ? Task.Run(() => SampleReadyDepthAsync(store, background.Token), CancellationToken.None)
            : Task.CompletedTask;
        var slots = Enumerable.Range(0, _options.Concurrency)
            .Select(_ => Task.Run(() => RunSlotAsync(store, runningJobs.Token, writes.Token), CancellationToken.None))
            .ToArray();

        try
        {
            await FetchLoopAsync(store, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ShutDownAsync(store, slots, runningJobs, writes).ConfigureAwait(false);
            await background.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(listener, renewer, rescuer, sampler).ConfigureAwait(false);
            Health.IsRunning = false;
            Log.WorkerStopped(_logger, WorkerId);
        }
    }

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
                var now = Stopwatch.GetTimestamp();
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
                        pausedUntil = now + (long)(retryDelay.TotalSeconds * Stopwatch.Frequency);
                        retryDelay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, retryDelay.Ticks * 2));
                        continue;
                    }
                    retryDelay = TimeSpan.FromMilliseconds(100);
                    Health.OperationSucceeded(FetchOperation);
                    var jobs = fetch.Jobs.Result;
                    Hold(jobs);
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
                    var wanted = planner.Plan(
                        idle: _options.Concurrency - Volatile.Read(ref _busySlots),
                        buffered: _localQueue.Buffered + requested,
                        finished: Interlocked.Read(ref _finishedJobs),
                        timestamp: now);
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
                var timeout = drained ? TimeSpan.FromSeconds((double)Math.Max(0, drainedSince + _pollTicks - now) / Stopwatch.Frequency)
                    : pausedUntil > now ? TimeSpan.FromSeconds((double)(pausedUntil - now) / Stopwatch.Frequency)
                    : _options.PollInterval;
                await _wake.WaitAsync(timeout, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Fetches still in flight lock their jobs: hold them, so shutdown releases them at once.
            var last = Task.WhenAll(fetches.Select(f => f.Jobs));
            await Task.WhenAny(last, GraceOver).ConfigureAwait(false);
            foreach (var fetch in fetches.Where(f => f.Jobs.IsCompletedSuccessfully))
            {
                Hold(fetch.Jobs.Result);
            }
        }
    }

    /// <summary>The fetch, as health names it when the role may not run it.</summary>
    private const string FetchOperation = "fetch";

    private readonly CancellationTokenSource _stopBudget = new();
    private Task? _graceOver;

    /// <summary>
    /// Cuts a stop short: what is not written yet is given up now (logged), and the worker's jobs
    /// run again once their locks expire. For a host whose own shutdown timeout has run out.
    /// </summary>
    internal void StopNow() => TryCancelAfter(_stopBudget, TimeSpan.Zero);

    private static void TryCancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        try
        {
            source.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The worker has already stopped.
        }
    }

    /// <summary>The end of the grace period, counted once from the moment stopping began.</summary>
    private Task GraceOver => _graceOver ??= Task.Delay(_options.ShutdownGracePeriod, _time);

    private PendingFetch StartFetch(JobStore store, int wanted)
    {
        var signals = _signal.Sets;
        Health.FetchStarted(_time.GetUtcNow());
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
        return new PendingFetch(wanted, signals, jobs);
    }

    private void Hold(List<JobRow> jobs) => _localQueue.Add(jobs, _time.GetUtcNow());

    /// <summary>Outcomes written (or given up on): their attempts are no longer held, nor their locks renewed.</summary>
    private void Settled(IReadOnlyList<JobOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _localQueue.Ended(outcome.JobId, outcome.Attempt);
        }
    }

    /// <summary>Test seam: awaited before each batch of outcomes is written, as a database outage would hold it back.</summary>
    internal Func<CancellationToken, Task>? BeforeOutcomeWrite { get; set; }

    /// <summary>Test seam: awaited before each lock renewal.</summary>
    internal Func<CancellationToken, Task>? BeforeLockRenewal { get; set; }

    /// <summary>One of the Concurrency slots: runs jobs from the local queue until it is closed and empty.</summary>
    private async Task RunSlotAsync(JobStore store, CancellationToken jobsToken, CancellationToken writesToken)
    {
        while (await _localQueue.WaitToTakeAsync().ConfigureAwait(false))
        {
            if (!_localQueue.TryTake(out var job))
            {
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
                if (_localQueue.Buffered <= Volatile.Read(ref _wakeAtOrBelow))
                {
                    _wake.Set();
                }
            }
        }
    }

    private async Task RunJobAsync(JobStore store, JobRow job, CancellationToken jobsToken, CancellationToken writesToken)
    {
        var started = Stopwatch.GetTimestamp();
        var taskTag = new KeyValuePair<string, object?>("job.task", job.TaskIdentifier);
        // The name is built only when someone listens: a string per job adds up at 20,000 jobs/s.
        using var activity = JobsTelemetry.ActivitySource.HasListeners()
            ? JobsTelemetry.ActivitySource.StartActivity($"job {job.TaskIdentifier}", ActivityKind.Consumer)
            : null;
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.task", job.TaskIdentifier);
        activity?.SetTag("job.attempt", job.Attempts);
        activity?.SetTag("job.queue", job.QueueName);
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
                if (!outcome.Cancelled)
                {
                    await store.CompleteAsync(job, writesToken).ConfigureAwait(false);
                    outcomeQueued = true;
                    JobsTelemetry.JobsCompleted.Add(1, taskTag);
                    Log.JobCompleted(_logger, job.Id, job.TaskIdentifier, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
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
        }
        catch (Exception ex) when (ex is System.Threading.Channels.ChannelClosedException || (ex is OperationCanceledException && writesToken.IsCancellationRequested))
        {
            // Shutdown gave up on the database, or the handler ignored cancellation and ended
            // after the worker stopped: the job was released or its lock expires; it runs again.
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

        var limit = task.Descriptor.Timeout ?? _options.DefaultJobTimeout;
        // A linked source only for jobs with a time limit; the others take the shutdown token as it is.
        using var timeout = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(jobsToken);
        timeout?.CancelAfter(limit!.Value);
        var token = timeout?.Token ?? jobsToken;
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

    private async Task ShutDownAsync(JobStore store, Task[] slots, CancellationTokenSource runningJobs, CancellationTokenSource writes)
    {
        // Jobs fetched ahead and not started go back at once, with their attempts, so other
        // workers can take them while this one finishes what it runs.
        var unstarted = _localQueue.Close();
        var releasing = unstarted.Length == 0 ? Task.CompletedTask : store.ReleaseUnstartedAsync(unstarted, writes.Token);

        var all = Task.WhenAll(slots);
        Log.WorkerStopping(_logger, WorkerId, Volatile.Read(ref _busySlots), _options.ShutdownGracePeriod);
        if (await Task.WhenAny(all, GraceOver).ConfigureAwait(false) != all)
        {
            Log.JobsCancelledAtShutdown(_logger, WorkerId, Volatile.Read(ref _busySlots));
            await runningJobs.CancelAsync().ConfigureAwait(false);
            // Handlers that ignore cancellation are not waited for forever; their jobs are
            // released below and may run again elsewhere.
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), _time)).ConfigureAwait(false);
        }

        try
        {
            await releasing.ConfigureAwait(false);
            await store.FlushAsync(writes.Token).ConfigureAwait(false);
            await store.ReleaseAsync(writes.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The database stayed away past the budget: locks expire and the jobs are taken
            // again, as after a crash. Results not written are given up (the store's disposal).
            Log.ShutdownWritesAbandoned(_logger, WorkerId, _localQueue.Held, _options.ShutdownTimeout, _options.JobExpiry);
        }
    }

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
                var due = _localQueue.LockedLongerThan(interval, now);
                if (due.Length == 0)
                {
                    continue;
                }
                if (BeforeLockRenewal is { } gate)
                {
                    await gate(cancellationToken).ConfigureAwait(false);
                }
                await store.RenewLocksAsync(due.Select(held => held.Id).Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
                foreach (var held in due)
                {
                    held.LockedAt = now;
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
    private async Task RescueExpiredLocksAsync(JobStore store, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (jobs, queues) = await store.RescueExpiredLocksAsync(cancellationToken).ConfigureAwait(false);
                if (jobs + queues > 0)
                {
                    Log.ExpiredLocksRescued(_logger, jobs, queues, _options.JobExpiry);
                    _signal.Set();
                }
                await Task.Delay(RescueInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RescueFailed(_logger, ex);
                await Task.Delay(RescueInterval, _time, CancellationToken.None).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A quarter of the expiry, as lock renewal, but at least every minute: a freed job waits at most this long past its expiry.</summary>
    private TimeSpan RescueInterval => TimeSpan.FromTicks(Math.Clamp(_options.JobExpiry.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));

    private async Task SampleReadyDepthAsync(JobStore store, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                JobsTelemetry.ReadyDepths[WorkerId] = await store.CountReadyAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.ReadyDepthInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                JobsTelemetry.ReadyDepths.TryRemove(WorkerId, out _);
                return;
            }
            catch (Exception ex)
            {
                Log.ReadyDepthFailed(_logger, ex);
                await Task.Delay(_options.ReadyDepthInterval, _time, CancellationToken.None).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A fetch in flight: how many jobs it asked for, and how many NOTIFYs and writes had come when it began.</summary>
    private sealed record PendingFetch(int Wanted, long SignalsAtStart, Task<List<JobRow>> Jobs);
}
