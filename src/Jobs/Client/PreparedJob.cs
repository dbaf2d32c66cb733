namespace Jobs;

/// <summary>
/// A validated job request holding every value add_job would store: defaults applied, the
/// database id resolved, run_at left null when the database's now() is meant.
/// </summary>
/// <param name="DatabaseId">The tenant; null only where add_job defaults it from the claims (0.47).</param>
/// <param name="Task">The task identifier.</param>
/// <param name="Payload">The payload as the json column stores it.</param>
/// <param name="PayloadUtf8">The same text as UTF-8, ready to send without another encoding pass.</param>
/// <param name="Key">The job key, or null.</param>
/// <param name="Queue">The named queue, or null for none.</param>
/// <param name="RunAt">When due; null for the database's now().</param>
/// <param name="MaxAttempts">The attempts allowed.</param>
/// <param name="Priority">Lower runs first.</param>
/// <param name="Attribution">Who the job is done for, where add_job takes it; null values are left to add_job.</param>
internal sealed record PreparedJob(Guid? DatabaseId, string Task, string Payload, ReadOnlyMemory<byte> PayloadUtf8, string? Key, string? Queue,
    DateTimeOffset? RunAt, int MaxAttempts, int Priority, JobAttribution? Attribution)
{
    /// <summary>The optional add_job arguments this job gives.</summary>
    public OptionalArguments Arguments { get; } = OptionalArgumentList.Given(DatabaseId, Attribution);

    private static readonly ReadOnlyMemory<byte> EmptyObject = "{}"u8.ToArray();

    /// <summary>Prepares the payload pair from the caller's UTF-8 JSON, already validated.</summary>
    /// <remarks>
    /// Validation refused anything that is not UTF-8, so decoding is lossless and the caller's own
    /// bytes are the text's bytes: nothing is substituted.
    /// </remarks>
    public static (string Text, ReadOnlyMemory<byte> Utf8) Payloads(ReadOnlyMemory<byte> payload) =>
        payload.Length == 0 ? ("{}", EmptyObject) : (JobLimits.PayloadText(payload), payload);
}
