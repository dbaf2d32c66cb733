namespace Jobs;

/// <summary>How many jobs of one task or one queue are in each state.</summary>
/// <param name="Name">The task or queue name; for queues, null stands for the jobs without a named queue.</param>
/// <param name="Ready">Due and waiting for a worker.</param>
/// <param name="Scheduled">Waiting for their run_at.</param>
/// <param name="Running">Locked by a worker.</param>
/// <param name="Failing">Failed at least once, waiting for a retry.</param>
/// <param name="PermanentlyFailed">Out of attempts.</param>
public sealed record JobCounts(string? Name, long Ready, long Scheduled, long Running, long Failing, long PermanentlyFailed)
{
    /// <summary>Every job counted, whatever its state.</summary>
    public long Total => Ready + Scheduled + Running + Failing + PermanentlyFailed;
}
