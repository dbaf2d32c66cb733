namespace Jobs;

/// <summary>
/// A worker's (or scheduler's) live state, for health checks and dashboards. Besides what happened
/// last, it records since when something has been wrong (a fetch wanted and not done, the LISTEN
/// connection down, results unwritten), so a check can tell a blip from a stall.
/// </summary>
public sealed class WorkerHealth
{
    private readonly object _gate = new();
    private long _lastFetchTicks;
    private int _running;
    private int _fetchesInFlight;
    private DateTimeOffset? _fetchWantedSince;
    private DateTimeOffset? _listenerDownSince;
    private DateTimeOffset? _oldestUnwrittenOutcome;
    private bool _listenerConnected;

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; internal set; } = "";

    /// <summary>True while the fetch loop runs.</summary>
    public bool IsRunning { get; internal set; }

    /// <summary>True while the LISTEN connection is up and answers its pings (or LISTEN is off).</summary>
    public bool ListenerConnected
    {
        get => Volatile.Read(ref _listenerConnected);
        internal set
        {
            lock (_gate)
            {
                _listenerConnected = value;
                _listenerDownSince = value ? null : _listenerDownSince ?? Clock.GetUtcNow();
                if (value)
                {
                    ListenerError = null;
                }
            }
        }
    }

    /// <summary>Since when the LISTEN connection has been down; null while it is up.</summary>
    public DateTimeOffset? ListenerDownSince
    {
        get
        {
            lock (_gate)
            {
                return _listenerDownSince;
            }
        }
    }

    /// <summary>Why the LISTEN connection went down last, cleared when it is up again.</summary>
    public string? ListenerError { get; internal set; }

    /// <summary>When a fetch last succeeded.</summary>
    public DateTimeOffset? LastSuccessfulFetch
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastFetchTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The last fetch error, cleared by the next success.</summary>
    public string? LastFetchError { get; internal set; }

    /// <summary>
    /// Since when the loop has wanted jobs (a fetch started, or failed and waits for its retry)
    /// without a fetch completing; null while nothing is wanted or fetches complete.
    /// </summary>
    public DateTimeOffset? FetchWantedSince
    {
        get
        {
            lock (_gate)
            {
                return _fetchWantedSince;
            }
        }
    }

    /// <summary>Since when the oldest result (completion or failure) not yet written to the database has waited; null when none waits.</summary>
    public DateTimeOffset? OldestUnwrittenOutcomeSince
    {
        get
        {
            lock (_gate)
            {
                return _oldestUnwrittenOutcome;
            }
        }
    }

    /// <summary>Jobs running now.</summary>
    public int RunningJobs => Volatile.Read(ref _running);

    /// <summary>The clock the "since" times are read from (the worker's TimeProvider).</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>When each condition counts as degraded, and as unhealthy.</summary>
    internal HealthThresholds Thresholds { get; init; } = HealthThresholds.Default;

    internal void FetchStarted(DateTimeOffset now)
    {
        lock (_gate)
        {
            _fetchesInFlight++;
            _fetchWantedSince ??= now;
        }
    }

    internal void FetchSucceeded(DateTimeOffset now)
    {
        lock (_gate)
        {
            _fetchesInFlight = Math.Max(0, _fetchesInFlight - 1);
            // Progress: a fetch still in flight is judged from now, not from when it began.
            _fetchWantedSince = _fetchesInFlight > 0 ? now : null;
        }
        Interlocked.Exchange(ref _lastFetchTicks, now.UtcTicks);
        LastFetchError = null;
    }

    /// <summary>A fetch failed: the loop still wants jobs, so the wait goes on from when it began.</summary>
    internal void FetchFailed(string error, DateTimeOffset now)
    {
        lock (_gate)
        {
            _fetchesInFlight = Math.Max(0, _fetchesInFlight - 1);
            _fetchWantedSince ??= now;
        }
        LastFetchError = error;
    }

    internal void ListenerLost(string error)
    {
        ListenerConnected = false;
        ListenerError = error;
    }

    /// <summary>Reported by the outcome writer: since when its oldest unwritten result has waited (null = nothing waits).</summary>
    internal void OutcomesPending(DateTimeOffset? oldestUnwrittenSince)
    {
        lock (_gate)
        {
            _oldestUnwrittenOutcome = oldestUnwrittenSince;
        }
    }

    private readonly Dictionary<string, string> _missingPrivileges = [];

    /// <summary>
    /// What the worker's role may not do, by operation ("fetch", "complete/fail batch", ...), as the
    /// server said it; empty when every operation last succeeded. Unhealthy while not empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> MissingPrivileges
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_missingPrivileges);
            }
        }
    }

    /// <summary>Records that <paramref name="operation"/> was refused for want of a privilege; true the first time (log it then).</summary>
    internal bool PrivilegeMissing(string operation, string message)
    {
        lock (_gate)
        {
            return _missingPrivileges.TryAdd(operation, message);
        }
    }

    /// <summary><paramref name="operation"/> succeeded: whatever privilege it lacked has been granted.</summary>
    internal void OperationSucceeded(string operation)
    {
        lock (_gate)
        {
            _missingPrivileges.Remove(operation);
        }
    }

    internal void JobStarted() => Interlocked.Increment(ref _running);

    internal void JobEnded() => Interlocked.Decrement(ref _running);
}
