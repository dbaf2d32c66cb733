using System.Diagnostics;
using Jobs.Schema;
using Jobs.Sql;
using Jobs.Tracing;
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
public sealed partial class JobsWorker
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JobsWorkerOptions _options;
    private readonly SqlQueries _sql;
    private readonly TraceContexts _traces;
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
        _traces = new TraceContexts(_sql.Schema, RoleGrants.WorkerTracePrivileges);
        _scopeFactory = scopeFactory;
        _logger = (ILogger?)loggerFactory?.CreateLogger<JobsWorker>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _tasks = RegisteredTask.Merge(dispatchers);
        _signal = new WorkSignal(alsoWakes: _wake);
        _pollTicks = (long)(_options.PollInterval.TotalSeconds * _time.TimestampFrequency);
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
            if (_options.RecordHistory && await StartupShape.RecordsHistoryAsync(_dataSource, _sql, _logger, stoppingToken).ConfigureAwait(false))
            {
                settings = settings with { RecordsHistory = true };
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before it started: nothing fetched, nothing to release.
            return;
        }
        var outcomeEvents = new OutcomeEvents(_signal, Settled, Health, _time, _localQueue.DatabaseLockedAt);
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
        var firstRounds = new FirstRounds();
        var rescue = firstRounds.Next();
        var rescuer = Task.Run(() => RescueExpiredLocksAsync(store, rescue, background.Token), CancellationToken.None);
        var pruner = Task.CompletedTask;
        if (settings.RecordsHistory)
        {
            var prune = firstRounds.Next();
            pruner = Task.Run(() => PruneHistoryAsync(store, prune, background.Token), CancellationToken.None);
        }
        var sweep = firstRounds.Next();
        var sweeper = Task.Run(() => SweepTraceContextsAsync(sweep, background.Token), CancellationToken.None);
        var sampler = Task.CompletedTask;
        if (_options.ReadyDepthInterval > TimeSpan.Zero)
        {
            var sample = firstRounds.Next();
            sampler = Task.Run(() => SampleReadyDepthAsync(store, sample, background.Token), CancellationToken.None);
        }
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
            await Task.WhenAll(listener, renewer, rescuer, pruner, sweeper, sampler).ConfigureAwait(false);
            Health.IsRunning = false;
            Log.WorkerStopped(_logger, WorkerId);
        }
    }

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
}
