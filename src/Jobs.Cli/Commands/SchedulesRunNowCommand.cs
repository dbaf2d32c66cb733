using System.CommandLine;
using System.Globalization;
using Jobs.Cli.Database;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs schedules run-now &lt;id|key&gt;</c>: creates the schedule's job now, through the schema's run_scheduled_job.</summary>
internal static class SchedulesRunNowCommand
{
    public static Command Create(CliContext context)
    {
        var schedule = SchedulesCommand.Selector();
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only find the schedule if it belongs to this database (tenant) id.");
        var json = CommonOptions.Json("Print the job created as one JSON object.");

        var command = new JobsCommand("run-now", "Create a schedule's job now, as its next occurrence would",
            "Goes through the schema's own run_scheduled_job, paused or not, whoever holds the schedule, and\n"
            + "records last_scheduled. While the schedule's previous job still waits, or runs within an hour, the\n"
            + "schema refuses (ALREADY_SCHEDULED) and nothing is created.\n"
            + "\n"
            + "Exit codes: 0 job created; 1 no such schedule, previous job still waiting or running, unreachable\n"
            + "server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs schedules run-now recurring:nightly-report");
        command.Arguments.Add(schedule);
        foreach (var option in new Option[] { connection, schema, databaseId, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var selector = parseResult.GetValue(schedule);
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "schedules run-now", cancellationToken).ConfigureAwait(false);
            ScheduleRun run;
            try
            {
                run = await session.RunAsync("run the schedule", () => session.Admin.RunScheduleNowAsync(selector, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (JobAttributionException ex)
            {
                throw CliException.Failure($"could not run {selector}: {ex.Message}", ex);
            }
            var job = run.Outcome switch
            {
                ScheduleRunOutcome.Fired => run.Job!,
                ScheduleRunOutcome.NotFound => throw CliException.Failure($"no {selector} in schema {session.Schema}"),
                ScheduleRunOutcome.AlreadyScheduled => throw CliException.Failure(
                    $"{selector} not run: its previous job still waits or runs (ALREADY_SCHEDULED); nothing was created"),
                ScheduleRunOutcome.KeyConflict => throw CliException.Failure(
                    $"{selector} not run: a job with the schedule's key already exists; nothing was created"),
                _ => throw CliException.Failure($"{selector} not run: the schema created no job"),
            };
            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, w => JobJson.Write(w, job)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(
                    $"ran {selector}: job {job.Id.ToString(CultureInfo.InvariantCulture)} ({job.TaskIdentifier}) created").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
