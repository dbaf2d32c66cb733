using Jobs.Scheduling;
using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jobs;

/// <summary>
/// Fires recurring jobs from app_jobs.scheduled_jobs: claims schedules with get_scheduled_job, keeps
/// them in memory, and at each occurrence calls run_scheduled_job, which creates the job.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Claiming: at start, on every NOTIFY on <c>scheduled_jobs:insert</c>, and every
/// <see cref="JobsSchedulerOptions.PollInterval"/>, it claims until none is left. Several schedulers
/// share the schedules; each schedule has one holder.</item>
/// <item>Crash recovery: get_scheduled_job never takes a claimed schedule, however old the claim, so
/// the scheduler renews its claims' locked_at every quarter of
/// <see cref="JobsSchedulerOptions.ClaimExpiry"/> and takes over claims older than that.</item>
/// <item>An occurrence fires once, if the schedule is still held: ALREADY_SCHEDULED (the previous
/// job still waits or runs) skips it; a schedule deleted, replaced by add_scheduled_job (which gives
/// a claimed row a new id) or taken over is forgotten.</item>
/// <item>Missed occurrences: when a claimed schedule's last_scheduled is followed by an occurrence
/// already past (no scheduler ran then), it fires once at once
/// (<see cref="JobsSchedulerOptions.FireMissedOccurrence"/>); never a backlog. A schedule that never
/// ran waits for its next occurrence. Occurrences missed while this scheduler could not reach the
/// database likewise collapse into one.</item>
/// <item>Invalid schedule_info is logged and the schedule is held but never fired; an edit in place is
/// picked up at the next heartbeat.</item>
/// <item>Registrations (<see cref="JobsScheduleRegistry"/>) are upserted with add_scheduled_job at
/// start, skipped when the keyed row already equals the registration.</item>
/// <item>Stopping releases every claim with release_scheduled_jobs.</item>
/// </list>
/// The decisions (what is due, when to claim, renew and wake) are <see cref="SchedulePlanner"/>'s,
/// on the <see cref="TimeProvider"/> given; the SQL is <see cref="ScheduleStore"/>'s; this class is
/// the loop between them.
/// </remarks>
public sealed class JobsScheduler
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JobsSchedulerOptions _options;
    private readonly SqlQueries _sql;
    private readonly Guid? _databaseId;
    private readonly IReadOnlyList<RecurringJob> _registrations;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ScheduleStore _store;
    private readonly SchedulePlanner _planner;
    private readonly WorkSignal _signal = new();
    private int _started;
    private JobAttribution? _attribution;

    /// <summary>A scheduler; <paramref name="registry"/> holds the recurring jobs registered in code.</summary>
    /// <param name="dataSource">Where the schedules are.</param>
    /// <param name="options">How it claims and fires; defaults when null.</param>
    /// <param name="clientOptions">The schema and the database id registrations are stored under.</param>
    /// <param name="registry">The recurring jobs registered in code.</param>
    /// <param name="loggerFactory">Where it logs; nowhere when null.</param>
    /// <param name="timeProvider">The clock occurrences, claims and renewals are timed by; the system clock when null.</param>
    /// <exception cref="ArgumentException">Options are invalid, or registrations need a database id and none is configured.</exception>
    public JobsScheduler(
        NpgsqlDataSource dataSource,
        JobsSchedulerOptions? options = null,
        JobsClientOptions? clientOptions = null,
        JobsScheduleRegistry? registry = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _options = options ?? new JobsSchedulerOptions();
        _options.Validate();
        ListenerGuard.Check(dataSource, _options.UseListenNotify, _options.ListenConnectionString, "JobsSchedulerOptions");
        clientOptions ??= new JobsClientOptions();
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName(clientOptions.Schema));
        _databaseId = clientOptions.DatabaseId;
        _registrations = registry?.Jobs ?? [];
        foreach (var job in _registrations)
        {
            if (job.DatabaseId is null && _databaseId is null)
            {
                throw new ArgumentException($"The recurring job {job.Key} has no DatabaseId, and JobsClientOptions.DatabaseId is not set.", nameof(registry));
            }
        }
        _logger = (ILogger?)loggerFactory?.CreateLogger<JobsScheduler>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        WorkerId = _options.WorkerId ?? $"{Environment.MachineName}-scheduler-{Guid.NewGuid().ToString("N")[..8]}";
        Health = new WorkerHealth { Clock = _time, Thresholds = _options.Thresholds, WorkerId = WorkerId, ListenerConnected = !_options.UseListenNotify };
        _store = new ScheduleStore(dataSource, _sql, WorkerId, _options);
        _planner = new SchedulePlanner(_options, _time, WorkerId, _logger);
    }

    /// <summary>The id written to scheduled_jobs.locked_by.</summary>
    public string WorkerId { get; }

    /// <summary>
    /// Live state: <see cref="WorkerHealth.LastSuccessfulFetch"/> is the last successful claim pass,
    /// <see cref="WorkerHealth.ListenerConnected"/> the LISTEN connection.
    /// </summary>
    public WorkerHealth Health { get; }

    /// <summary>True once the registrations are stored.</summary>
    public bool RegistrationsStored { get; private set; }

    /// <summary>The ids of the schedules this scheduler holds now.</summary>
    public IReadOnlyCollection<long> ClaimedScheduleIds => _planner.ClaimedIds;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then releases its claims. A scheduler runs once.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A JobsScheduler runs once; create another to run again.");
        }

        SchemaShape shape;
        try
        {
            shape = await StartupShape.ReadAsync(_dataSource, _sql.Schema, _logger, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before it started: nothing claimed, nothing to release.
            return;
        }
        // Attribution goes only where add_scheduled_job takes it, each value by name.
        _attribution = shape.AddScheduledJob?.Takes("actor_id") == true ? _options.Attribution : null;
        using var background = new CancellationTokenSource();
        Log.SchedulerStarted(_logger, WorkerId, _store.Tasks is { } tasks ? string.Join(",", tasks) : "(all)", _options.ClaimExpiry);
        Health.IsRunning = true;
        await using var listenSource = ListenerGuard.DirectSource(_options.UseListenNotify, _options.ListenConnectionString);
        var listener = _options.UseListenNotify
            ? Task.Run(() => new NotificationListener(listenSource ?? _dataSource, _signal, Health, _logger, _options.Listener, NotificationListener.ScheduledJobsChannel).RunAsync(background.Token), CancellationToken.None)
            : Task.CompletedTask;
        RegistrationsStored = _registrations.Count == 0;
        _planner.Start(registrationsPending: !RegistrationsStored);
        try
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var plan = _planner.Plan();
                switch (plan.Action)
                {
                    case ScheduleAction.Register:
                        await RegisterAsync(stoppingToken).ConfigureAwait(false);
                        break;
                    case ScheduleAction.Claim:
                        await ClaimAsync(stoppingToken).ConfigureAwait(false);
                        break;
                    case ScheduleAction.Renew:
                        await RenewAsync(stoppingToken).ConfigureAwait(false);
                        break;
                    case ScheduleAction.Fire:
                        foreach (var claim in plan.Due)
                        {
                            await FireAsync(claim, stoppingToken).ConfigureAwait(false);
                        }
                        break;
                    default:
                        if (await WaitAsync(plan.WakeAt, stoppingToken).ConfigureAwait(false))
                        {
                            _planner.ClaimRequested();
                        }
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await background.CancelAsync().ConfigureAwait(false);
            await listener.ConfigureAwait(false);
            await ReleaseAsync().ConfigureAwait(false);
            Health.IsRunning = false;
            Log.SchedulerStopped(_logger, WorkerId);
        }
    }

    /// <summary>Waits on the scheduler's clock until <paramref name="wakeAt"/>, or until a notification (true).</summary>
    private async Task<bool> WaitAsync(DateTimeOffset wakeAt, CancellationToken stoppingToken)
    {
        using var timeout = ArmTimeout(wakeAt);
        if (timeout is null)
        {
            return false;
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return await _signal.WaitAsync(Timeout.InfiniteTimeSpan, _time, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The timeout: a cancelled wait leaves any notification for the next one.
            return false;
        }
    }

    /// <summary>
    /// A timeout that fires when the clock reaches <paramref name="wakeAt"/>; null when it has already.
    /// A timer is armed for a duration from the clock's time read just before, and the clock may
    /// move in between (a test's fake clock, advanced on another thread): the timer would then fall
    /// due that much late, past the very advance meant to wake it. So the clock is read again once
    /// the timer is armed, and the timer armed again if the clock moved more than the planner's margin.
    /// </summary>
    private CancellationTokenSource? ArmTimeout(DateTimeOffset wakeAt)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now >= wakeAt)
            {
                return null;
            }
            var timeout = new CancellationTokenSource(wakeAt - now, _time);
            if (_time.GetUtcNow() - now <= SchedulePlanner.WakeMargin)
            {
                return timeout;
            }
            timeout.Dispose();
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var job in _registrations)
            {
                var values = ScheduledJobValues.For(job, job.DatabaseId ?? _databaseId!.Value);
                if (await _store.IsCurrentAsync(values, _attribution, cancellationToken).ConfigureAwait(false))
                {
                    Log.RecurringJobUnchanged(_logger, job.Key, job.TaskIdentifier);
                    continue;
                }
                await _store.StoreAsync(values, _attribution, cancellationToken).ConfigureAwait(false);
                Log.RecurringJobRegistered(_logger, job.Key, job.TaskIdentifier, job.ScheduleInfo);
            }
            RegistrationsStored = true;
            _planner.Registered();
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            // A setting to fix, not a fault to wait out: stop with the remedy.
            throw attribution;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RegistrationFailed(_logger, ex);
            _planner.RegistrationFailed();
        }
    }

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            Health.FetchStarted(_time.GetUtcNow());
            var claimed = await _store.ClaimAsync(cancellationToken).ConfigureAwait(false);
            _planner.Claimed(claimed);
            Health.FetchSucceeded(_time.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Health.FetchFailed(ex.Message, _time.GetUtcNow());
            Log.ClaimFailed(_logger, ex);
            _planner.ClaimFailed();
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var ids = _planner.ClaimedIds;
        try
        {
            var held = await _store.RenewAsync(ids, cancellationToken).ConfigureAwait(false);
            _planner.Renewed(ids, held);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ClaimRenewalFailed(_logger, ex);
            _planner.RenewalFailed();
        }
    }

    private async Task FireAsync(ClaimedSchedule claim, CancellationToken cancellationToken)
    {
        FireResult result;
        try
        {
            result = await _store.FireAsync(claim.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep this occurrence due and try again; later ones collapse into it.
            Log.FireFailed(_logger, claim.Id, claim.Task, _planner.FireFailed(claim), ex);
            return;
        }
        switch (result.Outcome)
        {
            case FireOutcome.Fired:
                Log.ScheduleFired(_logger, claim.Id, claim.Task, result.JobId!.Value);
                Count(claim, "fired");
                break;
            case FireOutcome.AlreadyScheduled:
                Log.OccurrenceAlreadyScheduled(_logger, claim.Id, claim.Task);
                Count(claim, "already_scheduled");
                break;
            case FireOutcome.KeyConflict:
                Log.OccurrenceKeyConflict(_logger, claim.Id, claim.Task);
                Count(claim, "key_conflict");
                break;
            case FireOutcome.AttributionRequired:
                // The schedule itself lacks attribution: retrying cannot help until it is re-registered.
                Log.OccurrenceRefused(_logger, claim.Id, claim.Task, result.Error!);
                Count(claim, "attribution_required");
                break;
        }
        _planner.Fired(claim, result.Outcome);
    }

    private static void Count(ClaimedSchedule claim, string outcome) =>
        JobsTelemetry.ScheduledOccurrences.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("job.task", claim.Task));

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        try
        {
            await _store.ReleaseAsync(_logger, Health, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            Log.ReleaseSchedulesFailed(_logger, WorkerId, ex);
        }
        _planner.Clear();
    }
}
