using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs status</c>: counts by state per task and queue, the oldest ready job's age, locked queues and active workers.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only count the jobs of this database (tenant) id; default: every database.");
        var json = CommonOptions.Json("Print one JSON object (one per refresh with --watch).");
        var watch = new Option<bool>("--watch", "-w") { Description = "Refresh in place until Ctrl+C." };
        var interval = new Option<TimeSpan?>("--interval")
        {
            HelpName = "duration",
            Description = "How often --watch refreshes (default 2s).",
            CustomParser = CommonOptions.Parse<TimeSpan>(Values.TryParseDuration, Values.DurationForms),
        };

        var command = new JobsCommand("status", "Counts by state per task and queue, the oldest ready job, locked queues and active workers",
            $"States: {JobStateNames.List}. 'scheduled' waits for its run_at; 'running' is locked by a worker;\n"
            + "'retrying' failed and has attempts left; 'failed' is out of attempts.\n"
            + "\n"
            + "Exit codes: 0 printed; 1 unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs status --json | jq .totals");
        command.Options.Add(connection);
        command.Options.Add(schema);
        command.Options.Add(databaseId);
        command.Options.Add(json);
        command.Options.Add(watch);
        command.Options.Add(interval);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "status", cancellationToken).ConfigureAwait(false);
            var asJson = parseResult.GetValue(json);
            if (!parseResult.GetValue(watch))
            {
                await WriteAsync(context, await StatusReport.ReadAsync(session, cancellationToken).ConfigureAwait(false), asJson, clear: false).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var every = parseResult.GetValue(interval) ?? TimeSpan.FromSeconds(2);
            try
            {
                while (true)
                {
                    var report = await StatusReport.ReadAsync(session, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(context, report, asJson, clear: context.OutputIsTerminal).ConfigureAwait(false);
                    await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how a watch ends: not an error.
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, StatusReport report, bool asJson, bool clear)
    {
        if (asJson)
        {
            await JsonLines.WriteAsync(context.Out, report.WriteJson).ConfigureAwait(false);
        }
        else
        {
            if (clear)
            {
                // Home and clear: the next report replaces this one instead of scrolling.
                await context.Out.WriteAsync("\u001b[H\u001b[2J").ConfigureAwait(false);
            }
            await report.WriteTextAsync(context.Out, context.Colors).ConfigureAwait(false);
        }
        await context.Out.FlushAsync().ConfigureAwait(false);
    }
}
