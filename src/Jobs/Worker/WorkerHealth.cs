namespace Jobs;

/// <summary>A worker's live state, for health checks and dashboards.</summary>
public sealed class WorkerHealth
{
    private long _lastFetchTicks;
    private int _running;

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; internal set; } = "";

    /// <summary>True while the fetch loop runs.</summary>
    public bool IsRunning { get; internal set; }

    /// <summary>True while the LISTEN connection is up (or LISTEN is off).</summary>
    public bool ListenerConnected { get; internal set; }

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

    /// <summary>Jobs running now.</summary>
    public int RunningJobs => Volatile.Read(ref _running);

    internal void FetchSucceeded(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _lastFetchTicks, now.UtcTicks);
        LastFetchError = null;
    }

    internal void JobStarted() => Interlocked.Increment(ref _running);

    internal void JobEnded() => Interlocked.Decrement(ref _running);
}
