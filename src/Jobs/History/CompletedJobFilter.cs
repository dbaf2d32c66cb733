namespace Jobs;

/// <summary>Which completed jobs <see cref="JobsAdmin.ListCompletedAsync"/> returns: newest first, a page at a time.</summary>
public sealed record CompletedJobFilter
{
    /// <summary>Only this task; null for any.</summary>
    public string? TaskIdentifier { get; init; }

    /// <summary>Only this queue; null for any.</summary>
    public string? Queue { get; init; }

    /// <summary>Only records older than this one (the last of the previous page); null for the newest.</summary>
    public CompletedJobCursor? Before { get; init; }

    /// <summary>How many at most; 50 unless given.</summary>
    public int Limit { get; init; } = 50;
}

/// <summary>Where a page of completed jobs ended: the last record's completion time and id.</summary>
/// <param name="CompletedAt">The record's <see cref="CompletedJob.CompletedAt"/>.</param>
/// <param name="Id">The record's <see cref="CompletedJob.Id"/>.</param>
public sealed record CompletedJobCursor(DateTimeOffset CompletedAt, long Id)
{
    /// <summary>The cursor just past <paramref name="job"/>.</summary>
    public static CompletedJobCursor After(CompletedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new CompletedJobCursor(job.CompletedAt, job.Id);
    }
}
