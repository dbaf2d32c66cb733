namespace Jobs;

/// <summary>One named queue as job_queues records it.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="JobCount">Jobs in the queue, whatever their state.</param>
/// <param name="LockedAt">When a worker took the queue's running job; null when idle; <see cref="DateTimeOffset.MaxValue"/> (infinity) when paused.</param>
/// <param name="LockedBy">The worker holding the queue, or <see cref="JobsAdmin.PausedQueueHolder"/> when paused.</param>
public sealed record QueueStatistics(string Name, int JobCount, DateTimeOffset? LockedAt, string? LockedBy)
{
    /// <summary>Paused by <see cref="JobsAdmin.PauseQueueAsync"/>: no worker starts its jobs.</summary>
    public bool IsPaused => LockedBy == JobsAdmin.PausedQueueHolder;
}
