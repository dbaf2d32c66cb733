namespace Jobs;

/// <summary>How many jobs are in each state, and how long the oldest ready job has waited.</summary>
public sealed record JobStatistics(long Ready, long Scheduled, long Running, long Failing, long PermanentlyFailed, TimeSpan? OldestReadyAge);
