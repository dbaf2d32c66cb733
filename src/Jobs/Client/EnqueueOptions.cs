namespace Jobs;

/// <summary>How one job is enqueued. Unset values take the schema's defaults.</summary>
public sealed record EnqueueOptions
{
    /// <summary>When the job becomes due. Mutually exclusive with <see cref="Delay"/>.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Due this long after enqueueing (measured on this machine's clock). Mutually exclusive with <see cref="RunAt"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Lower runs first; default 0.</summary>
    public int? Priority { get; init; }

    /// <summary>A named queue: its jobs run one at a time. Null runs the job in parallel with others.</summary>
    public string? Queue { get; init; }

    /// <summary>Attempts before the job is permanently failed; default 25.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>
    /// A unique key: enqueueing again with the same key replaces the waiting job (and resets its
    /// attempts). If that job is running, it keeps running but is not retried, and the new job is
    /// stored without the key.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The tenant; overrides the client's default database id.</summary>
    public Guid? DatabaseId { get; init; }

    /// <summary>
    /// Who the job is done for, on a schema whose add_job takes attribution (0.47). Overrides
    /// <see cref="JobsClientOptions.Attribution"/>, the actor and the entity pair each as a whole.
    /// </summary>
    public JobAttribution? Attribution { get; init; }

    /// <summary>Options with every value at its default.</summary>
    public static EnqueueOptions Default { get; } = new();
}
