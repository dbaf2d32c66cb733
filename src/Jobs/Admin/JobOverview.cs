namespace Jobs;

/// <summary>What <see cref="JobsAdmin.GetOverviewAsync"/> read in one scan: the totals and the counts per task and per queue.</summary>
/// <param name="Totals">Jobs per state, and the oldest ready job's age.</param>
/// <param name="Breakdown">Jobs per state for each task and each queue.</param>
public sealed record JobOverview(JobStatistics Totals, JobBreakdown Breakdown);
