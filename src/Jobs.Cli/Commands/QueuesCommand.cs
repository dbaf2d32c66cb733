using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs queues</c>: the named queues with their holder, and <c>pause</c>/<c>resume</c> of one.</summary>
internal static class QueuesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new JobsCommand("queues", "Named queues: list them with their holder, pause or resume one",
            "A named queue runs one job at a time. A paused queue's lock is held by 'jobs:paused' with locked_at\n"
            + "'infinity', so no worker starts its jobs (ours, the schema's own get_job, another service's) until\n"
            + "'jobs queues resume'; a job running when it is paused finishes. A queue is shared by every database id.\n"
            + "\n"
            + "Exit codes: 0 done; 1 no such queue (resume), unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Examples:\n"
            + "  jobs queues list\n"
            + "  jobs queues pause mail");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Change(context, "pause", "Stop workers starting a queue's jobs until it is resumed", "paused", "was already paused",
            (admin, queue, ct) => admin.PauseQueueAsync(queue, ct)));
        command.Subcommands.Add(Change(context, "resume", "Let workers start a paused queue's jobs again (idle workers are woken)", "resumed", "is not paused",
            (admin, queue, ct) => admin.ResumeQueueAsync(queue, ct)));
        command.SetAction((Func<ParseResult, int>)(_ => throw CliException.Usage("no subcommand given; use 'jobs queues list', 'pause' or 'resume'")));
        return command;
    }

    private static Command List(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var json = CommonOptions.Json("Print one JSON object per queue (JSON lines).");
        var command = new JobsCommand("list", "Each named queue: its jobs, who holds it and since when, paused or not",
            "Exit codes: 0 printed; 1 unreachable server or SQL error; 2 usage error.\n\nExample:\n  jobs queues list");
        foreach (var option in new Option[] { connection, schema, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema), null, context,
                "queues list", cancellationToken).ConfigureAwait(false);
            var queues = await session.RunAsync("read the queues", () => session.Admin.GetQueuesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                foreach (var queue in queues)
                {
                    await JsonLines.WriteAsync(context.Out, w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("queue_name", queue.Name);
                        w.WriteNumber("job_count", queue.JobCount);
                        w.WriteBoolean("paused", queue.IsPaused);
                        w.WriteNullableString("locked_by", queue.IsPaused ? null : queue.LockedBy);
                        w.WriteTime("locked_at", queue.IsPaused ? null : queue.LockedAt);
                        w.WriteEndObject();
                    }).ConfigureAwait(false);
                }
                return ExitCodes.Success;
            }
            if (queues.Count == 0)
            {
                await context.Out.WriteLineAsync("no named queues").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("QUEUE", "JOBS", "STATE", "HELD BY", "SINCE");
            foreach (var queue in queues)
            {
                table.Row(queue.Name, queue.JobCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    queue.IsPaused ? "paused" : queue.LockedBy is null ? "free" : "running",
                    queue.IsPaused ? "-" : queue.LockedBy ?? "-", queue.IsPaused ? "-" : Ages.Ago(queue.LockedAt, now));
            }
            await table.WriteAsync(context.Out, context.Colors).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Change(CliContext context, string name, string description, string past, string unchanged,
        Func<JobsAdmin, string, CancellationToken, Task<QueueChange>> apply)
    {
        var queue = new Argument<string>("queue") { Description = "The named queue." };
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var command = new JobsCommand(name, description,
            $"Exit codes: 0 {past} (or {unchanged}); 1 {(name == "resume" ? "no such queue, " : "")}unreachable server or SQL error; 2 usage error.\n\nExample:\n  jobs queues {name} mail");
        command.Arguments.Add(queue);
        command.Options.Add(connection);
        command.Options.Add(schema);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var queueName = parseResult.GetValue(queue)!;
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema), null, context,
                "queues " + name, cancellationToken).ConfigureAwait(false);
            QueueChange change;
            try
            {
                change = await session.RunAsync($"{name} the queue", () => apply(session.Admin, queueName, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                // A name no queue can have (empty, too long, NUL): refused before any SQL runs.
                throw CliException.Usage(ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal), ex);
            }
            var line = change.Outcome switch
            {
                QueueChangeOutcome.NotFound => throw CliException.Failure($"no queue '{queueName}' in schema {session.Schema}"),
                QueueChangeOutcome.Unchanged => $"queue '{queueName}' {unchanged}; nothing changed",
                _ when name == "pause" && change.PreviousHolder is { } holder
                    => $"paused queue '{queueName}'; its running job (worker {holder}) finishes, no other starts",
                _ => $"{past} queue '{queueName}'",
            };
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
