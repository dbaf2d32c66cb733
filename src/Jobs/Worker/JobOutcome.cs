namespace Jobs.Worker;

/// <summary>The result of one run, waiting to be written: success when <see cref="Error"/> is null.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Attempt">The job's attempts as the fetch returned them: the result applies to this attempt only.</param>
/// <param name="Error">The failure message (already limited in length), or null for success.</param>
/// <param name="Permanent">True when the job must never run again.</param>
internal sealed record JobOutcome(long JobId, int Attempt, string? Error, bool Permanent);
