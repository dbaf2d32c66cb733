namespace Jobs;

/// <summary>What <see cref="JobsAdmin.PauseScheduleAsync"/>, <see cref="JobsAdmin.ResumeScheduleAsync"/> or <see cref="JobsAdmin.DeleteScheduleAsync"/> did.</summary>
/// <param name="Outcome">Whether the schedule was found and changed.</param>
/// <param name="Id">The schedule's id; null when not found.</param>
/// <param name="Key">Its key, or null.</param>
/// <param name="TaskIdentifier">Its task; null when not found.</param>
/// <param name="PreviousHolder">Who held it before: a scheduler (which lets go at its next heartbeat), <see cref="JobsAdmin.PausedScheduleHolder"/>, or null when unclaimed.</param>
public sealed record ScheduleChange(ScheduleChangeOutcome Outcome, long? Id, string? Key, string? TaskIdentifier, string? PreviousHolder);

/// <summary>The outcome of a change to one schedule.</summary>
public enum ScheduleChangeOutcome
{
    /// <summary>No schedule (of the admin's database) has that id or key; nothing changed.</summary>
    NotFound,

    /// <summary>The schedule was paused, resumed or deleted.</summary>
    Changed,

    /// <summary>It was already in the state asked for (paused already, or not paused): nothing changed.</summary>
    Unchanged,
}
