namespace Jobs;

/// <summary>
/// Which jobs <see cref="JobsAdmin.ListAsync"/> returns; unset fields do not filter. The admin's
/// <see cref="JobsAdmin.DatabaseId"/> always does (see <see cref="JobsAdmin.ForDatabase"/>).
/// </summary>
public sealed record JobListFilter
{
    /// <summary>Only jobs of this task.</summary>
    public string? TaskIdentifier { get; init; }

    /// <summary>Only jobs of this named queue.</summary>
    public string? Queue { get; init; }

    /// <summary>Only jobs in this state.</summary>
    public JobState? State { get; init; }

    /// <summary>
    /// Only jobs whose payload (its JSON text as stored) or last_error contains this text, ignoring
    /// case. It reads every row the other filters leave, so narrow by task or state first on a
    /// large table.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Paging: only jobs with an id below this (jobs come newest first).</summary>
    public long? BeforeId { get; init; }

    /// <summary>
    /// Whether <paramref name="job"/> passes this filter's conditions, as the database applies them
    /// (the limit aside); for a job found another way, by key say.
    /// </summary>
    public bool Matches(JobRow job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (State is null || job.State == State)
            && (TaskIdentifier is null || job.TaskIdentifier == TaskIdentifier)
            && (Queue is null || job.QueueName == Queue)
            && (BeforeId is null || job.Id < BeforeId)
            && (Text is null || job.Payload.Contains(Text, StringComparison.OrdinalIgnoreCase)
                || (job.LastError?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false));
    }

    /// <summary>At most this many jobs; default 100.</summary>
    public int Limit { get; init; } = 100;
}
