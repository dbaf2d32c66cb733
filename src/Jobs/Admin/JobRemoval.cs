namespace Jobs;

/// <summary>The result of <see cref="JobsAdmin.RemoveByKeyAsync"/>.</summary>
/// <param name="Outcome">What happened to the job.</param>
/// <param name="Job">The job as deleted (<see cref="JobRemovalOutcome.Removed"/>) or as left running
/// without its key (<see cref="JobRemovalOutcome.Defused"/>); null when not found.</param>
public sealed record JobRemoval(JobRemovalOutcome Outcome, JobRow? Job);
