using System.Globalization;
using System.Text.Json;
using Jobs.Cli.Output;

namespace Jobs.Cli.Commands.Actions;

/// <summary>What a job-changing command did (or, with --dry-run, would do): the ids changed, those left alone and why, those not found.</summary>
internal sealed record ActionReport(
    JobAction Action,
    bool DryRun,
    IReadOnlyList<long> Changed,
    IReadOnlyList<(long Id, string Reason)> LeftAlone,
    IReadOnlyList<long> NotFound)
{
    private const int IdsShown = 20;

    public async Task WriteTextAsync(TextWriter output)
    {
        var verb = DryRun ? $"would {Action.Name}" : Action.Done;
        await output.WriteLineAsync(Changed.Count == 0
            ? $"{(DryRun ? "would change" : "changed")} no jobs"
            : $"{verb} {Jobs(Changed.Count)}: {IdList(Changed)}").ConfigureAwait(false);
        foreach (var group in LeftAlone.GroupBy(l => l.Reason))
        {
            var ids = group.Select(l => l.Id).ToList();
            await output.WriteLineAsync($"{(DryRun ? "would leave" : "left")} alone {Jobs(ids.Count)} ({group.Key}): {IdList(ids)}").ConfigureAwait(false);
        }
        if (NotFound.Count > 0)
        {
            await output.WriteLineAsync($"not found: {IdList(NotFound)}").ConfigureAwait(false);
        }
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("action", Action.Name);
        writer.WriteBoolean("dry_run", DryRun);
        writer.WriteNumber("count", Changed.Count);
        writer.WriteIds(DryRun ? "would_change" : "changed", Changed);
        writer.WriteStartArray("left_alone");
        foreach (var (id, reason) in LeftAlone)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteIds("not_found", NotFound);
        writer.WriteEndObject();
    }

    private static string Jobs(int count) => count == 1 ? "1 job" : $"{count.ToString(CultureInfo.InvariantCulture)} jobs";

    private static string IdList(IReadOnlyList<long> ids)
    {
        var shown = string.Join(", ", ids.Take(IdsShown).Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return ids.Count > IdsShown ? $"{shown} and {(ids.Count - IdsShown).ToString(CultureInfo.InvariantCulture)} more" : shown;
    }
}
