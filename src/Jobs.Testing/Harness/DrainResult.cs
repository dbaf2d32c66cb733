namespace Jobs.Testing;

/// <summary>What <see cref="JobsTestHarness.DrainAsync"/> ran, in order.</summary>
/// <param name="Runs">Each job run, with how it ended.</param>
public sealed record DrainResult(IReadOnlyList<JobWorkResult> Runs)
{
    /// <summary>How many completed.</summary>
    public int Completed => Runs.Count(r => r.Outcome == JobWorkOutcome.Completed);

    /// <summary>The runs that failed (for now or for good).</summary>
    public IReadOnlyList<JobWorkResult> Failures => Runs.Where(r => r.Outcome is JobWorkOutcome.Failed or JobWorkOutcome.FailedPermanently).ToArray();
}
