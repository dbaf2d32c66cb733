namespace Jobs.Worker;

/// <summary>What the worker hears from its <see cref="OutcomeWriter"/>, and the clock it stamps outcomes with.</summary>
/// <param name="Written">Set after every write: named queues were unlocked, their next jobs may run.</param>
/// <param name="Settled">Told of each batch once it is written, or once it never will be (given up at shutdown): its jobs are no longer held.</param>
/// <param name="Health">Told since when the oldest result being written has waited, and of writes refused for want of a privilege.</param>
/// <param name="Time">The worker's clock.</param>
/// <param name="LockedAt">The lock time the worker last wrote for a job's attempt, read when its result is written.</param>
internal sealed record OutcomeEvents(WorkSignal Written, Action<IReadOnlyList<JobOutcome>> Settled, WorkerHealth Health, TimeProvider Time,
    Func<long, int, DateTimeOffset?> LockedAt);
