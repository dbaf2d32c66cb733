using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Jobs.Cli.Commands.Actions;
using Jobs.Cli.Database;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs workers</c>: who holds which jobs and queues, and since when; <c>jobs workers unlock</c> frees dead workers' locks.</summary>
internal static class WorkersCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only workers holding jobs of this database (tenant) id; default: every worker.");
        var json = CommonOptions.Json("Print one JSON object per worker (JSON lines).");

        var command = new JobsCommand("workers", "Who holds which jobs and queues, and since when; 'workers unlock' frees dead workers' locks",
            "A worker renews its locks every quarter of its job expiry, so LAST RENEWED much older than that\n"
            + "means the worker stopped: free its jobs with 'jobs workers unlock <worker-id>'.\n"
            + "\n"
            + "Exit codes: 0 printed; 1 unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs workers");
        foreach (var option in new Option[] { connection, schema, databaseId, json })
        {
            command.Options.Add(option);
        }
        command.Subcommands.Add(WorkersUnlockCommand.Create(context));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "workers", cancellationToken).ConfigureAwait(false);
            var workers = await session.RunAsync("read the workers", () => session.Admin.GetWorkersAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                foreach (var worker in workers)
                {
                    await JsonLines.WriteAsync(context.Out, w => WriteJson(w, worker)).ConfigureAwait(false);
                }
                return ExitCodes.Success;
            }
            await WriteTableAsync(context, workers).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(CliContext context, List<WorkerHoldings> workers)
    {
        if (workers.Count == 0)
        {
            await context.Out.WriteLineAsync("no worker holds a job or a queue").ConfigureAwait(false);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var table = new TextTable("WORKER", "JOBS", "HELD SINCE", "LAST RENEWED", "QUEUES");
        foreach (var worker in workers)
        {
            var ids = worker.JobIds.Count == 0 ? "-"
                : $"{worker.JobIds.Count}: {string.Join(", ", worker.JobIds.Take(10).Select(id => id.ToString(CultureInfo.InvariantCulture)))}{(worker.JobIds.Count > 10 ? ", ..." : "")}";
            var since = worker.OldestJobLock ?? worker.OldestQueueLock;
            table.Row(worker.WorkerId, ids, $"{Ages.Time(since)} ({Ages.Ago(since, now)})", Ages.Ago(worker.NewestJobLock, now),
                worker.Queues.Count == 0 ? "-" : string.Join(", ", worker.Queues));
        }
        await table.WriteAsync(context.Out, context.Colors).ConfigureAwait(false);
    }

    private static void WriteJson(Utf8JsonWriter writer, WorkerHoldings worker)
    {
        writer.WriteStartObject();
        writer.WriteString("worker_id", worker.WorkerId);
        writer.WriteIds("job_ids", worker.JobIds);
        writer.WriteTime("oldest_job_lock", worker.OldestJobLock);
        writer.WriteTime("newest_job_lock", worker.NewestJobLock);
        writer.WriteStartArray("queues");
        foreach (var queue in worker.Queues)
        {
            writer.WriteStringValue(queue);
        }
        writer.WriteEndArray();
        writer.WriteTime("oldest_queue_lock", worker.OldestQueueLock);
        writer.WriteEndObject();
    }
}
