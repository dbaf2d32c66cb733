using System.Text.Json;
using Jobs.Cli.Database;
using Jobs.Cli.Output;

namespace Jobs.Cli.Commands;

/// <summary>What <c>jobs status</c> shows, read in one go: totals, counts per task and queue, locked queues and active workers.</summary>
internal sealed record StatusReport(
    JobStatistics Totals,
    JobBreakdown Breakdown,
    IReadOnlyList<QueueStatistics> LockedQueues,
    IReadOnlyList<WorkerHoldings> Workers,
    DateTimeOffset ReadAt)
{
    public static async Task<StatusReport> ReadAsync(JobsSession session, CancellationToken cancellationToken)
    {
        var admin = session.Admin;
        var overview = await session.RunAsync("count jobs", () => admin.GetOverviewAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var queues = await session.RunAsync("read the queues", () => admin.GetQueuesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var workers = await session.RunAsync("read the workers", () => admin.GetWorkersAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return new StatusReport(overview.Totals, overview.Breakdown, queues.Where(q => q.LockedBy is not null).ToList(), workers, DateTimeOffset.UtcNow);
    }

    public async Task WriteTextAsync(TextWriter output, Palette palette)
    {
        var t = Totals;
        var oldest = t.OldestReadyAge is { } age ? $"the oldest ready job has waited {Ages.Duration(age)}" : "no job is waiting";
        await output.WriteLineAsync(
            $"{t.Ready} {palette.State("ready")}, {t.Scheduled} scheduled, {t.Running} {palette.State("running")}, "
            + $"{t.Failing} {palette.State("retrying")}, {t.PermanentlyFailed} {palette.State("failed")}; {oldest}").ConfigureAwait(false);

        if (Breakdown.ByTask.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await CountsTable("TASK", Breakdown.ByTask, "-").WriteAsync(output, palette).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await CountsTable("QUEUE", Breakdown.ByQueue, "(no queue)").WriteAsync(output, palette).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        if (LockedQueues.Count == 0)
        {
            await output.WriteLineAsync("locked queues: none").ConfigureAwait(false);
        }
        else
        {
            var table = new TextTable("LOCKED QUEUE", "LOCKED BY", "SINCE");
            foreach (var queue in LockedQueues)
            {
                table.Row(queue.Name, queue.LockedBy!, $"{Ages.Time(queue.LockedAt)} ({Ages.Ago(queue.LockedAt, ReadAt)})");
            }
            await table.WriteAsync(output, palette).ConfigureAwait(false);
        }
        var active = Workers.Where(w => w.JobIds.Count > 0).ToList();
        var list = string.Join(", ", active.Select(w => $"{w.WorkerId} ({w.JobIds.Count} {(w.JobIds.Count == 1 ? "job" : "jobs")})"));
        await output.WriteLineAsync(active.Count == 0 ? "active workers: none" : $"active workers: {active.Count}: {list}").ConfigureAwait(false);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("totals");
        WriteCounts(writer, null, null, Totals.Ready, Totals.Scheduled, Totals.Running, Totals.Failing, Totals.PermanentlyFailed);
        if (Totals.OldestReadyAge is { } age)
        {
            writer.WriteNumber("oldest_ready_age_seconds", Math.Round(age.TotalSeconds, 3));
        }
        else
        {
            writer.WriteNull("oldest_ready_age_seconds");
        }
        writer.WriteStartArray("by_task");
        foreach (var c in Breakdown.ByTask)
        {
            WriteCounts(writer, "task", c.Name, c.Ready, c.Scheduled, c.Running, c.Failing, c.PermanentlyFailed);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("by_queue");
        foreach (var c in Breakdown.ByQueue)
        {
            WriteCounts(writer, "queue", c.Name, c.Ready, c.Scheduled, c.Running, c.Failing, c.PermanentlyFailed);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("locked_queues");
        foreach (var queue in LockedQueues)
        {
            writer.WriteStartObject();
            writer.WriteString("queue", queue.Name);
            writer.WriteString("locked_by", queue.LockedBy);
            writer.WriteTime("locked_at", queue.LockedAt);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("active_workers");
        foreach (var worker in Workers.Where(w => w.JobIds.Count > 0))
        {
            writer.WriteStartObject();
            writer.WriteString("worker_id", worker.WorkerId);
            writer.WriteNumber("jobs", worker.JobIds.Count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static TextTable CountsTable(string title, IReadOnlyList<JobCounts> counts, string unnamed)
    {
        var table = new TextTable(title, "READY", "SCHEDULED", "RUNNING", "RETRYING", "FAILED");
        foreach (var c in counts)
        {
            table.Row(c.Name ?? unnamed, N(c.Ready), N(c.Scheduled), N(c.Running), N(c.Failing), N(c.PermanentlyFailed));
        }
        return table;
    }

    private static void WriteCounts(Utf8JsonWriter writer, string? nameProperty, string? name, long ready, long scheduled, long running, long retrying, long failed)
    {
        writer.WriteStartObject();
        if (nameProperty is not null)
        {
            writer.WriteNullableString(nameProperty, name);
        }
        writer.WriteNumber("ready", ready);
        writer.WriteNumber("scheduled", scheduled);
        writer.WriteNumber("running", running);
        writer.WriteNumber("retrying", retrying);
        writer.WriteNumber("failed", failed);
        writer.WriteEndObject();
    }

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
