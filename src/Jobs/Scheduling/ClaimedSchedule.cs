namespace Jobs.Scheduling;

/// <summary>A schedule this scheduler holds, with its next occurrence and the retry of a failed one.</summary>
internal sealed class ClaimedSchedule(long id, string task, string scheduleInfoJson)
{
    public long Id { get; } = id;

    public string Task { get; } = task;

    /// <summary>schedule_info as claimed: a renewal that returns other text means it was edited in place.</summary>
    public string ScheduleInfoJson { get; } = scheduleInfoJson;

    /// <summary>The parsed schedule; null when schedule_info is invalid (held, never fired).</summary>
    public ScheduleInfo? Schedule { get; set; }

    /// <summary>The occurrence to fire next; null when there is none.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>When to try a failed occurrence again.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    public TimeSpan RetryDelay { get; set; }

    /// <summary>When the loop must act on this schedule: its occurrence, or the retry of a failed one.</summary>
    public DateTimeOffset? WakeAt => Due is { } due && RetryAt is { } retry && retry > due ? retry : Due;
}
