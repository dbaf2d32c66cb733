namespace Jobs;

/// <summary>How <see cref="JobsWorker.WorkAsync"/> ended one job.</summary>
public enum JobWorkOutcome
{
    /// <summary>The handler returned; the job was completed (deleted from the table).</summary>
    Completed,

    /// <summary>The handler failed; the job waits for its next attempt (<see cref="JobWorkResult.After"/> says when).</summary>
    Failed,

    /// <summary>The handler failed on the last attempt, or with a permanent failure; the job will not run again.</summary>
    FailedPermanently,

    /// <summary>The run was cancelled before it ended (the caller's token); the attempt was given back.</summary>
    Cancelled,
}

/// <summary>One job run by <see cref="JobsWorker.WorkAsync"/>: how it ended, and the row before and after.</summary>
/// <param name="Job">The job as it ran (its attempt counted).</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Error">The failure as recorded in last_error; null unless it failed.</param>
/// <param name="After">The job's row after the outcome was written; null once completed.</param>
public sealed record JobWorkResult(JobRow Job, JobWorkOutcome Outcome, string? Error, JobRow? After);
