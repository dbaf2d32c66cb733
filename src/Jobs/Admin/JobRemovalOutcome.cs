namespace Jobs;

/// <summary>What <see cref="JobsAdmin.RemoveByKeyAsync"/> did with the job holding a key.</summary>
public enum JobRemovalOutcome
{
    /// <summary>No job (of the admin's database) has the key; nothing changed.</summary>
    NotFound,

    /// <summary>The job was waiting, failed, or its lock had expired: it is deleted.</summary>
    Removed,

    /// <summary>
    /// The job is running: it keeps running, but lost its key (so the key can be enqueued afresh)
    /// and has no attempts left, so it is never retried. Its worker completes it as usual.
    /// </summary>
    Defused,
}
