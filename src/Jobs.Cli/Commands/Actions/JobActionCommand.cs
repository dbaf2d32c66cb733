using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands.Actions;

/// <summary>
/// Builds and runs a job-changing command (<see cref="JobAction"/>) the same way for all: jobs by id
/// or by filter, <c>--dry-run</c>, a confirmation when more than one job would change unless
/// <c>--yes</c>, and a report of what changed, what was left alone and what was not found.
/// </summary>
internal static class JobActionCommand
{
    public static Command Create(JobAction action, CliContext context)
    {
        var ids = new Argument<long[]>("id")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "The jobs' ids; or use a filter instead.",
            CustomParser = ParseIds,
        };
        var task = CommonOptions.Task("Every job of this task.");
        var queue = CommonOptions.Queue("Every job of this named queue.");
        var state = CommonOptions.State();
        var text = CommonOptions.Text("Every job whose payload (its JSON text) or last error holds this text, ignoring case.");
        var databaseId = CommonOptions.DatabaseId("Only jobs of this database (tenant) id; default: every database.");
        var dryRun = CommonOptions.DryRun("Print how many jobs would change, and which; change nothing.");
        var yes = CommonOptions.Yes();
        var json = CommonOptions.Json("Print the report as one JSON object.");
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();

        var command = new JobsCommand(action.Name, action.Summary,
            action.Description + "\n"
            + "\n"
            + "Give job ids, or a filter (--task, --queue, --state, --text: every job matching all of them). When more\n"
            + "than one job would change, the tool asks first (on a terminal) or needs --yes.\n"
            + "\n"
            + "Exit codes: 0 done (jobs left alone are reported, not errors); 1 some ids not found, not\n"
            + "confirmed, unreachable server or SQL error; 2 usage error, or confirmation needed but no\n"
            + "terminal to ask on and no --yes.\n"
            + "\n"
            + "Example:\n"
            + "  " + action.Example);
        command.Arguments.Add(ids);
        foreach (var option in new Option[] { task, queue, state, text, databaseId })
        {
            command.Options.Add(option);
        }
        action.AddOptions(command);
        foreach (var option in new Option[] { dryRun, yes, json, connection, schema })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(ids) ?? [];
            var filter = Filter(action, parseResult.GetValue(task), parseResult.GetValue(queue), parseResult.GetValue(state), parseResult.GetValue(text), given.Length > 0);
            action.Validate(parseResult);

            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, action.Name, cancellationToken).ConfigureAwait(false);
            var selection = await JobSelection.ReadAsync(session, given, filter, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var forecast = selection.Found.Select(j => (j.Id, Reason: action.WhyLeftAlone(j, parseResult, now))).ToList();
            var wouldChange = forecast.Where(f => f.Reason is null).Select(f => f.Id).ToList();

            ActionReport report;
            if (parseResult.GetValue(dryRun))
            {
                report = new ActionReport(action, DryRun: true, wouldChange,
                    forecast.Where(f => f.Reason is not null).Select(f => (f.Id, f.Reason!)).ToList(), selection.NotFound);
            }
            else
            {
                if (wouldChange.Count > 1 && !parseResult.GetValue(yes))
                {
                    await Confirmation.RequireAsync(context, $"{action.Name} {wouldChange.Count} jobs", cancellationToken).ConfigureAwait(false);
                }
                var found = selection.Found.Select(j => j.Id).ToArray();
                var changed = await ApplyInBatchesAsync(action, session, found, parseResult, context, cancellationToken).ConfigureAwait(false);
                var leftAlone = selection.Found.Where(j => !changed.Contains(j.Id))
                    .Select(j => (j.Id, action.WhyLeftAlone(j, parseResult, now) ?? "taken by a worker or gone before the change")).ToList();
                report = new ActionReport(action, DryRun: false, found.Where(changed.Contains).ToList(), leftAlone, selection.NotFound);
            }

            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, report.WriteJson).ConfigureAwait(false);
            }
            else
            {
                await report.WriteTextAsync(context.Out).ConfigureAwait(false);
            }
            return selection.NotFound.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Changes in statements of this many jobs: none holds locks on a huge set for long, and progress can be shown.</summary>
    public const int BatchSize = 1_000;

    // Every job found goes to the database, which applies the rules (running jobs, stale locks) in
    // the same statement that changes them: the forecast may be out of date.
    private static async Task<HashSet<long>> ApplyInBatchesAsync(JobAction action, JobsSession session, long[] ids, ParseResult parseResult,
        CliContext context, CancellationToken cancellationToken)
    {
        var changed = new HashSet<long>();
        var done = 0;
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal && ids.Length > BatchSize, action.Name, ids.Length);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            var rows = await session.RunAsync($"{action.Name} jobs", () => action.ApplyAsync(session.Admin, batch, parseResult, cancellationToken), cancellationToken).ConfigureAwait(false);
            changed.UnionWith(rows.Select(j => j.Id));
            done += batch.Length;
            await progress.ReportAsync(done).ConfigureAwait(false);
        }
        await progress.FinishAsync().ConfigureAwait(false);
        return changed;
    }

    private static JobListFilter? Filter(JobAction action, string? task, string? queue, JobState? state, string? text, bool idsGiven)
    {
        var filtered = task is not null || queue is not null || state is not null || text is not null;
        if (idsGiven && filtered)
        {
            throw CliException.Usage($"give job ids or a filter (--task, --queue, --state, --text), not both; run 'jobs {action.Name} --help' for usage");
        }
        if (!idsGiven && !filtered)
        {
            throw CliException.Usage($"which jobs? give job ids or a filter (--task, --queue, --state, --text); run 'jobs {action.Name} --help' for usage");
        }
        if (action.OnlyState is { } only && state is { } given && given != only)
        {
            throw CliException.Usage($"'jobs {action.Name}' acts on {JobStateNames.Of(only)} jobs only; leave out --state or use --state {JobStateNames.Of(only)}");
        }
        return idsGiven ? null : new JobListFilter { TaskIdentifier = task, Queue = queue, State = action.OnlyState ?? state, Text = text };
    }

    private static long[] ParseIds(System.CommandLine.Parsing.ArgumentResult result)
    {
        var ids = new long[result.Tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!Values.TryParseId(result.Tokens[i].Value, out ids[i]))
            {
                result.AddError($"'{result.Tokens[i].Value}' is not a job id: use a whole number above 0");
                return [];
            }
        }
        return ids;
    }
}
