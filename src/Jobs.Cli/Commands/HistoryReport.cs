using System.Globalization;
using Jobs.Schema;

namespace Jobs.Cli.Commands;

/// <summary>The history's lines in <c>jobs migrate</c>: what was installed, and how long records are kept.</summary>
internal static class HistoryReport
{
    public static string Describe(HistoryInstallResult result) =>
        result.Applied.Count == 0
            ? $"history {result.After.Schema}: up to date; {Kept(result.After)}"
            : $"history {result.After.Schema}: applied {string.Join(", ", result.Applied.Select(m => $"{m.Version:D4}_{m.Name}"))}; {Kept(result.After)}";

    public static string Describe(HistoryStatus status) => $"history {status.Schema}: installed; {Kept(status)}";

    /// <summary>Days when whole, else the TimeSpan's own form: "7 days", "1.12:00:00".</summary>
    public static string Duration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerDay == 0
            ? value.Days == 1 ? "1 day" : $"{value.Days.ToString(CultureInfo.InvariantCulture)} days"
            : value.ToString("c", CultureInfo.InvariantCulture);

    private static string Kept(HistoryStatus status) => status.Retention is { } keep
        ? $"completed jobs are kept {Duration(keep)}; workers record them from their next start"
        : "this role cannot read its retention";
}
