namespace Jobs;

/// <summary>The counts per state of <see cref="JobsAdmin.GetBreakdownAsync"/>, once per task and once per queue.</summary>
/// <param name="ByTask">One entry per task identifier, by name.</param>
/// <param name="ByQueue">One entry per named queue, by name, then one (named null) for the jobs without a queue, if any.</param>
public sealed record JobBreakdown(IReadOnlyList<JobCounts> ByTask, IReadOnlyList<JobCounts> ByQueue);
