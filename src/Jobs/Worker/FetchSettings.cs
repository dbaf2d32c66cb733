namespace Jobs.Worker;

/// <summary>What every statement a worker sends needs: who it is, which tasks it takes, when a lock expires, whether completions are recorded.</summary>
/// <param name="WorkerId">The value written to locked_by.</param>
/// <param name="TaskFilter">The task names to fetch; null fetches every task.</param>
/// <param name="JobExpiry">A lock older than this is abandoned.</param>
/// <param name="RecordsHistory">Completions are copied into the history in the statement that applies them.</param>
internal sealed record FetchSettings(string WorkerId, string[]? TaskFilter, TimeSpan JobExpiry, bool RecordsHistory = false);
