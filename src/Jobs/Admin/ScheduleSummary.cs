namespace Jobs;

/// <summary>One row of app_jobs.scheduled_jobs as <see cref="JobsAdmin.ListSchedulesAsync"/> shows it.</summary>
/// <param name="Id">The schedule's id.</param>
/// <param name="Key">Its key; registrations from code are keyed <c>recurring:&lt;name&gt;</c>; null for none.</param>
/// <param name="TaskIdentifier">The task of the jobs it creates.</param>
/// <param name="Queue">The named queue of those jobs, or null.</param>
/// <param name="DatabaseId">The database (tenant) it belongs to.</param>
/// <param name="Priority">The priority of its jobs.</param>
/// <param name="ScheduleInfo">schedule_info as stored (JSON text).</param>
/// <param name="LastScheduled">When it last created a job; null if never.</param>
/// <param name="LastScheduledId">The id of that job; null if never.</param>
/// <param name="LockedBy">The scheduler holding it (or <see cref="JobsAdmin.PausedScheduleHolder"/>); null when unclaimed.</param>
/// <param name="LockedAt">When that scheduler claimed or last renewed it; null when unclaimed or paused.</param>
/// <param name="IsPaused">True when paused (<see cref="JobsAdmin.PauseScheduleAsync"/>).</param>
/// <param name="NextOccurrence">Its next occurrence after the time of listing; null when paused, when it has none left, or when schedule_info is invalid.</param>
/// <param name="Description">The schedule in words ("cron 0 2 * * * (UTC)"); null when schedule_info is invalid.</param>
/// <param name="ScheduleError">Why schedule_info cannot be understood ("'month' value 12 is out of range 0..11 (0 = January)."; schedulers hold such a schedule but never fire it); null when it can.</param>
public sealed record ScheduleSummary(
    long Id,
    string? Key,
    string TaskIdentifier,
    string? Queue,
    Guid DatabaseId,
    int Priority,
    string ScheduleInfo,
    DateTimeOffset? LastScheduled,
    long? LastScheduledId,
    string? LockedBy,
    DateTimeOffset? LockedAt,
    bool IsPaused,
    DateTimeOffset? NextOccurrence,
    string? Description,
    string? ScheduleError);
