using System.CommandLine;
using Jobs.Cli.Commands.Actions;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs workers unlock &lt;worker-id&gt;...</c>: frees every job and queue dead workers hold.
/// A worker whose newest lock is younger than <c>--older-than</c> looks alive (workers renew their
/// locks) and is left alone unless <c>--force</c> says the operator knows it is gone.
/// </summary>
internal static class WorkersUnlockCommand
{
    public static Command Create(CliContext context)
    {
        var workerIds = new Argument<string[]>("worker-id") { Arity = ArgumentArity.OneOrMore, Description = "The dead workers' ids (locked_by)." };
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            HelpName = "duration",
            Description = "A worker whose newest lock is younger than this looks alive and is left alone (default 4h, the workers' default job expiry).",
            CustomParser = CommonOptions.Parse<TimeSpan>(Values.TryParseDuration, Values.DurationForms),
        };
        var force = new Option<bool>("--force") { Description = "Unlock even a worker that looks alive: you know it is gone." };
        var json = CommonOptions.Json("Print the report as one JSON object.");
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();

        var command = new JobsCommand("unlock", "Free every job and queue that dead workers hold",
            "The jobs become available at once instead of after their lock expires. The attempt is not given\n"
            + "back: the job did start. Applies to the workers' jobs in every database.\n"
            + "\n"
            + "Exit codes: 0 done (workers left alone are reported); 1 unreachable server or SQL error;\n"
            + "2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs workers unlock web-7f9c:4121 --older-than 20m");
        command.Arguments.Add(workerIds);
        foreach (var option in new Option[] { olderThan, force, json, connection, schema })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var requested = (parseResult.GetValue(workerIds) ?? []).Distinct(StringComparer.Ordinal).ToList();
            var threshold = parseResult.GetValue(olderThan) ?? UnlockAction.DefaultOlderThan;
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                null, context, "workers unlock", cancellationToken).ConfigureAwait(false);
            var holdings = (await session.RunAsync("read the workers", () => session.Admin.GetWorkersAsync(cancellationToken), cancellationToken).ConfigureAwait(false))
                .ToDictionary(w => w.WorkerId, StringComparer.Ordinal);

            var now = DateTimeOffset.UtcNow;
            var unlock = new List<string>();
            var leftAlone = new List<(string Worker, string Reason)>();
            foreach (var worker in requested)
            {
                var newest = holdings.TryGetValue(worker, out var held) ? held.NewestJobLock ?? held.OldestQueueLock : null;
                if (held is null)
                {
                    leftAlone.Add((worker, "holds nothing"));
                }
                else if (!parseResult.GetValue(force) && newest is { } renewed && now - renewed < threshold)
                {
                    leftAlone.Add((worker, $"renewed a lock {Ages.Duration(now - renewed)} ago, so it looks alive; --force if it is gone"));
                }
                else
                {
                    unlock.Add(worker);
                }
            }
            var freed = unlock.Count == 0 ? 0
                : await session.RunAsync("unlock the workers", () => session.Admin.UnlockWorkersAsync(unlock, cancellationToken), cancellationToken).ConfigureAwait(false);

            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("unlocked");
                    unlock.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteNumber("jobs_freed", freed);
                    w.WriteStartArray("left_alone");
                    foreach (var (worker, reason) in leftAlone)
                    {
                        w.WriteStartObject();
                        w.WriteString("worker_id", worker);
                        w.WriteString("reason", reason);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await context.Out.WriteLineAsync(unlock.Count == 0 ? "unlocked no worker"
                : $"unlocked {string.Join(", ", unlock)}: {freed} {(freed == 1 ? "job" : "jobs")} freed").ConfigureAwait(false);
            foreach (var (worker, reason) in leftAlone)
            {
                await context.Out.WriteLineAsync($"left alone {worker}: {reason}").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
