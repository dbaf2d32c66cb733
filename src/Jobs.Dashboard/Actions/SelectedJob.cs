namespace Jobs.Dashboard.Actions;

/// <summary>What an action keeps of each job it is pointed at: enough to forecast, not the payload (a filter may match millions).</summary>
/// <param name="Id">The job's id.</param>
/// <param name="LockedAt">When a worker took or last renewed it; null when not running.</param>
internal readonly record struct SelectedJob(long Id, DateTimeOffset? LockedAt)
{
    public static SelectedJob Of(JobRow job) => new(job.Id, job.LockedAt);
}
