namespace Jobs;

/// <summary>Where a job stands. Derived from its row; the schema stores no state column.</summary>
public enum JobState
{
    /// <summary>Due and waiting for a worker.</summary>
    Ready,

    /// <summary>Waiting for its run_at.</summary>
    Scheduled,

    /// <summary>Locked by a worker.</summary>
    Running,

    /// <summary>Failed at least once and waiting for its retry.</summary>
    Failing,

    /// <summary>Out of attempts: kept for inspection, never fetched again.</summary>
    PermanentlyFailed,
}
