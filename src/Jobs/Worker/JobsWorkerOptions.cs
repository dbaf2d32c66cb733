using Jobs.Worker;

namespace Jobs;

/// <summary>How a worker fetches and runs jobs. Bindable from configuration.</summary>
public sealed class JobsWorkerOptions
{
    /// <summary>Jobs run at the same time; default 8.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Which tasks to fetch. Null (default) means the tasks this worker has handlers for, so jobs
    /// of other services stay for their own workers. Set explicitly to take other tasks too: a
    /// fetched job without a handler is failed permanently with a clear error.
    /// </summary>
    public IList<string>? TaskIdentifiers { get; set; }

    /// <summary>How often to look for due jobs when no notification arrives; default 2 s. LISTEN/NOTIFY wakes the worker sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A lock older than this counts as abandoned and the job may be taken again; default 4 hours, as the schema's own functions assume.</summary>
    public TimeSpan JobExpiry { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// How long a shutdown waits for running jobs before cancelling them; default 20 s. It must
    /// leave <see cref="ShutdownReserve"/> (10 s) of <see cref="ShutdownTimeout"/> for cancelled
    /// jobs to end and for the final writes.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest a stop takes, all in: the grace period, cancelled jobs ending, the last results
    /// written and the worker's locks released. Default 30 s, the generic host's default
    /// <c>HostOptions.ShutdownTimeout</c>; keep it no longer than your host's. Past it (the database
    /// unreachable, say), results not yet written are given up with an error log, and their jobs
    /// run again once their locks expire. A host that stops waiting sooner cuts it short the same way.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What a stop needs past the grace period: up to 5 s for cancelled jobs to end, then 5 s for the final writes.</summary>
    public static TimeSpan ShutdownReserve { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The local queue: how many jobs a worker fetches ahead of its free slots and holds locked in
    /// memory, so one round trip (and one commit) serves many jobs. Null (default) adapts the
    /// buffer to the rate jobs finish at (about 250 ms of work, at most <c>max(500, 4 × Concurrency)</c>
    /// with <see cref="FetchStrategy.Batched"/> and <c>max(100, 4 × Concurrency)</c> with
    /// <see cref="FetchStrategy.SchemaFunctions"/>),
    /// so slow jobs are not held away from other workers. A number keeps that many buffered
    /// whatever the rate; 0 fetches only for free slots. Buffered jobs have their locks renewed,
    /// keep the named-queue rule (one job per queue in flight) and are released at once, with
    /// their attempt given back, when the worker stops.
    /// </summary>
    public int? LocalQueueSize { get; set; }

    /// <summary>How long one run of a job may take when its task sets no timeout; null (default) for no limit.</summary>
    public TimeSpan? DefaultJobTimeout { get; set; }

    /// <summary>This worker's id in locked_by; default the host name plus a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>How jobs are fetched and completed; default <see cref="FetchStrategy.Batched"/>.</summary>
    public FetchStrategy FetchStrategy { get; set; } = FetchStrategy.Batched;

    /// <summary>
    /// Record each completed job in the history when it is installed (<c>jobs migrate --history</c>),
    /// and prune records past its retention; default true. Without the history, nothing is recorded
    /// whatever this says. A worker whose role may not write the installed history refuses to start
    /// unless this is false.
    /// </summary>
    public bool RecordHistory { get; set; } = true;

    /// <summary>
    /// Make a job's first run a child of the span that enqueued it (one trace from request to
    /// run), besides the link every run has to it; default false, so each run starts a trace of
    /// its own, as the messaging conventions suggest for work that runs later. Retries only link.
    /// Needs the trace schema (<see cref="Schema.TraceContextInstaller"/>) and a listener.
    /// </summary>
    public bool ParentFirstAttemptOnCreation { get; set; }

    /// <summary>How often to count ready jobs for the <c>jobs.ready</c> gauge; default 15 s. Zero turns it off.</summary>
    public TimeSpan ReadyDepthInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Listen on the jobs:insert channel to start new jobs at once; default true.</summary>
    public bool UseListenNotify { get; set; } = true;

    /// <summary>
    /// A connection string for the LISTEN connection alone; null (default) listens through the
    /// worker's data source. Set it to a direct connection to PostgreSQL when the data source goes
    /// through a transaction-pooling PgBouncer, where LISTEN does not work.
    /// </summary>
    public string? ListenConnectionString { get; set; }

    /// <summary>
    /// How often the idle LISTEN connection is pinged (<c>SELECT 1</c>); default 30 s. A silently
    /// dropped connection never reports an error of its own: the ping finds it, and the listener
    /// reconnects.
    /// </summary>
    public TimeSpan ListenerPingInterval { get; set; } = ListenerSettings.DefaultPingInterval;

    /// <summary>
    /// How long a ping, or opening a new LISTEN connection, may take before the connection counts as
    /// dead and is dropped; default 10 s.
    /// </summary>
    public TimeSpan ListenerPingTimeout { get; set; } = ListenerSettings.DefaultPingTimeout;

    /// <summary>
    /// The health check turns Degraded when, for this long, a fetch the worker wants has not
    /// completed, or a job's result waits unwritten; default 15 s. (A LISTEN connection down, or a
    /// fetch that fails, is Degraded at once.)
    /// </summary>
    public TimeSpan HealthDegradedAfter { get; set; } = HealthThresholds.Default.DegradedAfter;

    /// <summary>The health check turns Unhealthy when any of those conditions lasts this long; default 60 s.</summary>
    public TimeSpan HealthUnhealthyAfter { get; set; } = HealthThresholds.Default.UnhealthyAfter;

    internal ListenerSettings Listener => ListenerSettings.Validated(ListenConnectionString, ListenerPingInterval, ListenerPingTimeout);

    internal HealthThresholds Thresholds => HealthThresholds.Validated(HealthDegradedAfter, HealthUnhealthyAfter);

    /// <summary>The local queue's size in effect.</summary>
    internal int EffectiveLocalQueueSize => LocalQueueSize ?? Math.Max(DefaultLocalQueueCap, 4 * Concurrency);

    /// <summary>
    /// The adaptive buffer's cap: a batched fetch costs the same per job at any size, so it may
    /// grow large; every get_job call walks past the jobs its worker already holds, so the schema
    /// functions' buffer stays small.
    /// </summary>
    private int DefaultLocalQueueCap => FetchStrategy == FetchStrategy.Batched ? 500 : 100;

    internal void Validate()
    {
        if (Concurrency < 1)
        {
            throw new ArgumentException($"Concurrency is {Concurrency}; it must be at least 1.");
        }
        if (LocalQueueSize is < 0 or > 10_000)
        {
            throw new ArgumentException($"LocalQueueSize is {LocalQueueSize}; it must be between 0 and 10,000.");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PollInterval must be positive.");
        }
        if (JobExpiry < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("JobExpiry must be at least one second.");
        }
        if (ShutdownGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentException("ShutdownGracePeriod must not be negative.");
        }
        if (ShutdownGracePeriod + ShutdownReserve > ShutdownTimeout)
        {
            throw new ArgumentException(
                $"ShutdownGracePeriod ({ShutdownGracePeriod}) must leave {ShutdownReserve.TotalSeconds:0} s of ShutdownTimeout ({ShutdownTimeout}) for cancelled jobs " +
                "to end and the last results to be written: lower ShutdownGracePeriod, or raise ShutdownTimeout together with the host's HostOptions.ShutdownTimeout.");
        }
        if (WorkerId is not null)
        {
            JobLimits.ValidateWorkerId(WorkerId, nameof(WorkerId));
        }
        _ = Listener;
        _ = Thresholds;
    }
}
