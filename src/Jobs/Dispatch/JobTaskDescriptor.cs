namespace Jobs;

/// <summary>What the worker needs to know about one task.</summary>
/// <param name="Name">The task identifier stored in app_jobs.jobs.</param>
/// <param name="Timeout">How long one run may take before it is cancelled and failed; null for the worker's default.</param>
public sealed record JobTaskDescriptor(string Name, TimeSpan? Timeout = null)
{
    /// <summary>
    /// Reads a payload as the task's handler would be given it, throwing
    /// <see cref="JobPayloadException"/> (with the path of what is wrong) when it cannot; null
    /// when the dispatcher offers no such check. The generated dispatchers set it to the generated
    /// payload reader, so a tool that enqueues by hand (the dashboard's Enqueue page) can refuse a
    /// payload before it is stored instead of letting the job fail when it runs.
    /// </summary>
    public JobPayloadCheck? CheckPayload { get; init; }
}

/// <summary>Reads <paramref name="json"/> as a task's payload; throws <see cref="JobPayloadException"/> when it cannot.</summary>
/// <param name="json">The payload, UTF-8 JSON.</param>
public delegate void JobPayloadCheck(ReadOnlySpan<byte> json);
