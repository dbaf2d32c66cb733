using Jobs.Worker;

namespace Jobs;

/// <summary>How the scheduler claims and fires recurring jobs. Bindable from configuration.</summary>
public sealed class JobsSchedulerOptions
{
    /// <summary>This scheduler's id in scheduled_jobs.locked_by; default the host name plus a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Which tasks' schedules to claim; null (default) for every schedule.</summary>
    public IList<string>? TaskIdentifiers { get; set; }

    /// <summary>How often to look for unclaimed or abandoned schedules when no notification arrives; default 30 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A claim not renewed for this long belongs to a scheduler that died, and is taken over;
    /// default 5 minutes. Live schedulers renew theirs every quarter of it.
    /// </summary>
    public TimeSpan ClaimExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Passed to run_scheduled_job: a previous job locked longer than this no longer blocks the next
    /// occurrence; default 1 hour (the schema's default).
    /// </summary>
    public TimeSpan JobExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When a claimed schedule's last run (last_scheduled) is followed by an occurrence that already
    /// passed, fire once at once; default true. Never more than once, however many were missed.
    /// </summary>
    public bool FireMissedOccurrence { get; set; } = true;

    /// <summary>
    /// The service actor the registered recurring jobs are attributed to, on a schema whose
    /// add_scheduled_job takes attribution (0.47, where run_scheduled_job refuses a schedule with
    /// neither actor nor entity); ignored on schemas without it. Not bindable from configuration.
    /// </summary>
    public JobAttribution? Attribution { get; set; }

    /// <summary>Listen on the scheduled_jobs:insert channel to claim new schedules at once; default true.</summary>
    public bool UseListenNotify { get; set; } = true;

    /// <summary>
    /// A connection string for the LISTEN connection alone; null (default) listens through the
    /// scheduler's data source. Set it to a direct connection when that goes through a
    /// transaction-pooling PgBouncer, where LISTEN does not work.
    /// </summary>
    public string? ListenConnectionString { get; set; }

    /// <summary>How often the idle LISTEN connection is pinged; default 30 s. A failed ping drops the connection and reconnects.</summary>
    public TimeSpan ListenerPingInterval { get; set; } = ListenerSettings.DefaultPingInterval;

    /// <summary>How long a ping, or opening a new LISTEN connection, may take before the connection counts as dead; default 10 s.</summary>
    public TimeSpan ListenerPingTimeout { get; set; } = ListenerSettings.DefaultPingTimeout;

    /// <summary>The health check turns Degraded when a claim pass has not completed for this long; default 15 s. (LISTEN down, or a failing pass, is Degraded at once.)</summary>
    public TimeSpan HealthDegradedAfter { get; set; } = HealthThresholds.Default.DegradedAfter;

    /// <summary>The health check turns Unhealthy when a condition lasts this long; default 60 s.</summary>
    public TimeSpan HealthUnhealthyAfter { get; set; } = HealthThresholds.Default.UnhealthyAfter;

    internal ListenerSettings Listener => ListenerSettings.Validated(ListenConnectionString, ListenerPingInterval, ListenerPingTimeout);

    internal HealthThresholds Thresholds => HealthThresholds.Validated(HealthDegradedAfter, HealthUnhealthyAfter);

    internal TimeSpan HeartbeatInterval => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, ClaimExpiry.Ticks / 4));

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PollInterval must be positive.");
        }
        if (ClaimExpiry < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("ClaimExpiry must be at least one second.");
        }
        if (JobExpiry < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("JobExpiry must be at least one second.");
        }
        if (WorkerId is not null)
        {
            JobLimits.ValidateWorkerId(WorkerId, nameof(WorkerId));
            // Stopping releases every schedule the scheduler's id holds: under this id, every paused one.
            if (WorkerId == JobsAdmin.PausedScheduleHolder)
            {
                throw new ArgumentException($"WorkerId '{JobsAdmin.PausedScheduleHolder}' is reserved: it marks paused schedules.");
            }
        }
        _ = Listener;
        _ = Thresholds;
    }
}
