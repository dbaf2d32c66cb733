namespace Jobs;

/// <summary>
/// A job a worker completed, as the history recorded it in the statement that deleted it from
/// app_jobs (see <see cref="Schema.HistoryInstaller"/>).
/// </summary>
public sealed record CompletedJob
{
    /// <summary>The job's id in app_jobs. Not unique in the history: a jobs table emptied with RESTART IDENTITY reuses ids.</summary>
    public required long Id { get; init; }

    /// <summary>The tenant the job belonged to.</summary>
    public Guid? DatabaseId { get; init; }

    /// <summary>The job's queue.</summary>
    public string? QueueName { get; init; }

    /// <summary>The task that ran.</summary>
    public required string TaskIdentifier { get; init; }

    /// <summary>The payload as JSON text.</summary>
    public required string Payload { get; init; }

    /// <summary>The job's priority.</summary>
    public int Priority { get; init; }

    /// <summary>The attempt that completed it (1 for a job that succeeded at once).</summary>
    public int Attempts { get; init; }

    /// <summary>The job's attempt limit.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>The job key, when it had one.</summary>
    public string? Key { get; init; }

    /// <summary>When it was enqueued.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was due (for a retried job, when its last attempt was).</summary>
    public DateTimeOffset RunAt { get; init; }

    /// <summary>When the completion was committed (the database's clock).</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The worker that ran it.</summary>
    public required string WorkerId { get; init; }
}
