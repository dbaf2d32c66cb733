namespace Jobs;

/// <summary>What <see cref="JobsAdmin.RunScheduleNowAsync"/> did.</summary>
/// <param name="Outcome">Whether a job was created, and if not why.</param>
/// <param name="Job">The job created; null otherwise.</param>
public sealed record ScheduleRun(ScheduleRunOutcome Outcome, JobRow? Job);

/// <summary>The outcome of running a schedule now.</summary>
public enum ScheduleRunOutcome
{
    /// <summary>No schedule (of the admin's database) has that id or key.</summary>
    NotFound,

    /// <summary>A job was created.</summary>
    Fired,

    /// <summary>The schedule's previous job still waits or runs (the schema raised ALREADY_SCHEDULED): no job was created.</summary>
    AlreadyScheduled,

    /// <summary>A job with the schedule's key already exists (0.16's run_scheduled_job fails on the unique key): no job was created.</summary>
    KeyConflict,

    /// <summary>The schema returned no job without raising an error (0.47, when a concurrent lock won the key).</summary>
    NoJob,
}
