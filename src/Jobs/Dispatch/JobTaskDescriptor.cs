namespace Jobs;

/// <summary>What the worker needs to know about one task.</summary>
/// <param name="Name">The task identifier stored in app_jobs.jobs.</param>
/// <param name="Timeout">How long one run may take before it is cancelled and failed; null for the worker's default.</param>
public sealed record JobTaskDescriptor(string Name, TimeSpan? Timeout = null);
