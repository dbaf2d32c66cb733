using Jobs.Schema;

namespace Jobs;

/// <summary>Whether the history of completed jobs is installed, and what the current role may do with it.</summary>
/// <param name="Schema">The history schema: the jobs schema's name with <c>_history</c> appended.</param>
/// <param name="Installed">True when the history's tables exist.</param>
/// <param name="CanRecord">True when the current role may write completions into it and prune it: what a worker needs.</param>
/// <param name="CanRead">True when the current role may read it: what an admin or dashboard needs.</param>
/// <param name="Retention">How long records are kept; null when not installed or not readable.</param>
public sealed record HistoryStatus(SchemaName Schema, bool Installed, bool CanRecord, bool CanRead, TimeSpan? Retention);
