namespace Jobs;

/// <summary>What <see cref="JobsAdmin.PauseQueueAsync"/> or <see cref="JobsAdmin.ResumeQueueAsync"/> did to a named queue.</summary>
/// <param name="Outcome">Whether the queue changed.</param>
/// <param name="QueueName">The queue.</param>
/// <param name="PreviousHolder">Who held its lock before: a worker running one of its jobs, <see cref="JobsAdmin.PausedQueueHolder"/>, or null when free.</param>
public sealed record QueueChange(QueueChangeOutcome Outcome, string QueueName, string? PreviousHolder);

/// <summary>The outcome of pausing or resuming a named queue.</summary>
public enum QueueChangeOutcome
{
    /// <summary>The queue was paused or resumed.</summary>
    Changed,

    /// <summary>It was already in the state asked for: nothing changed.</summary>
    Unchanged,

    /// <summary>No such queue (resume only: pausing a queue without jobs makes it).</summary>
    NotFound,
}
