namespace Jobs.Schema;

/// <summary>What <see cref="HistoryInstaller.InstallAsync"/> found and did.</summary>
/// <param name="Before">The history as it was.</param>
/// <param name="After">The history as it is now.</param>
/// <param name="Applied">The migrations applied, oldest first; empty when it was up to date.</param>
public sealed record HistoryInstallResult(HistoryStatus Before, HistoryStatus After, IReadOnlyList<Migration> Applied);
