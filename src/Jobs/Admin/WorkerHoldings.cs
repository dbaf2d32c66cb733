namespace Jobs;

/// <summary>What one worker holds, as <see cref="JobsAdmin.GetWorkersAsync"/> finds it.</summary>
/// <param name="WorkerId">The worker's id (<c>locked_by</c>).</param>
/// <param name="JobIds">The jobs it holds, by id.</param>
/// <param name="OldestJobLock">The oldest <c>locked_at</c> among its jobs: when it took (or last renewed) the job it has held longest; null when it holds none.</param>
/// <param name="NewestJobLock">The newest <c>locked_at</c> among its jobs: a live worker renews its locks, so an old value here means it stopped.</param>
/// <param name="Queues">The named queues it holds, by name.</param>
/// <param name="OldestQueueLock">The oldest <c>locked_at</c> among those queues; null when it holds none.</param>
public sealed record WorkerHoldings(
    string WorkerId,
    IReadOnlyList<long> JobIds,
    DateTimeOffset? OldestJobLock,
    DateTimeOffset? NewestJobLock,
    IReadOnlyList<string> Queues,
    DateTimeOffset? OldestQueueLock);
