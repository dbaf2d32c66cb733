namespace Jobs.Testing;

/// <summary>
/// What a job must have, besides its payload, to count for an enqueue assertion; a null property
/// matches anything.
/// </summary>
public sealed record EnqueuedJobFilter
{
    /// <summary>The named queue.</summary>
    public string? Queue { get; init; }

    /// <summary>The priority.</summary>
    public int? Priority { get; init; }

    /// <summary>The job key.</summary>
    public string? Key { get; init; }

    /// <summary>When it is due, within <see cref="RunAtTolerance"/> (the database keeps microseconds, and "in 5 minutes" is computed on two clocks).</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>How far <see cref="RunAt"/> may be off; one second unless given.</summary>
    public TimeSpan RunAtTolerance { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Anything else about the row (attempts, database id, ...).</summary>
    public Func<JobRow, bool>? Row { get; init; }

    internal bool Matches(JobRow job) =>
        (Queue is null || job.QueueName == Queue)
        && (Priority is null || job.Priority == Priority)
        && (Key is null || job.Key == Key)
        && (RunAt is null || (job.RunAt - RunAt.Value).Duration() <= RunAtTolerance)
        && (Row is null || Row(job));

    internal string Describe()
    {
        var parts = new List<string>();
        if (Queue is not null)
        {
            parts.Add($"queue '{Queue}'");
        }
        if (Priority is not null)
        {
            parts.Add($"priority {Priority}");
        }
        if (Key is not null)
        {
            parts.Add($"key '{Key}'");
        }
        if (RunAt is not null)
        {
            parts.Add($"run at {RunAt:O} (±{RunAtTolerance.TotalSeconds:0.###} s)");
        }
        if (Row is not null)
        {
            parts.Add("the row predicate");
        }
        return string.Join(", ", parts);
    }
}
