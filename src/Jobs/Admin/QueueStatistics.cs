namespace Jobs;

/// <summary>One named queue as job_queues records it.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="JobCount">Jobs in the queue, whatever their state.</param>
/// <param name="LockedAt">When a worker took the queue's running job; null when idle.</param>
/// <param name="LockedBy">The worker holding the queue.</param>
public sealed record QueueStatistics(string Name, int JobCount, DateTimeOffset? LockedAt, string? LockedBy);
