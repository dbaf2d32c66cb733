namespace Jobs;

/// <summary>
/// A validated job request holding every value add_job would store: defaults applied, the
/// database id resolved, run_at left null when the database's now() is meant.
/// </summary>
/// <param name="DatabaseId">The tenant; null only where add_job defaults it from the claims (0.47).</param>
/// <param name="Task">The task identifier.</param>
/// <param name="Payload">The payload as the json column stores it, as UTF-8: sent as bytes, never decoded.</param>
/// <param name="Key">The job key, or null.</param>
/// <param name="Queue">The named queue, or null for none.</param>
/// <param name="RunAt">When due; null for the database's now().</param>
/// <param name="MaxAttempts">The attempts allowed.</param>
/// <param name="Priority">Lower runs first.</param>
/// <param name="Attribution">Who the job is done for, where add_job takes it; null values are left to add_job.</param>
internal sealed record PreparedJob(Guid? DatabaseId, string Task, Utf8Payload Payload, string? Key, string? Queue,
    DateTimeOffset? RunAt, int MaxAttempts, int Priority, JobAttribution? Attribution)
{
    /// <summary>The optional add_job arguments this job gives.</summary>
    public OptionalArguments Arguments { get; } = OptionalArgumentList.Given(DatabaseId, Attribution);
}
