using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary>One of <c>jobs schedules pause | resume | delete &lt;id|key&gt;</c>: what it is called, says and does.</summary>
internal sealed record ScheduleChangeSpec(
    string Name,
    string Description,
    string Notes,
    string Example,
    string Past,
    string Done,
    bool Confirm,
    Func<JobsAdmin, ScheduleSelector, CancellationToken, Task<ScheduleChange>> Apply,
    string Unchanged);

/// <summary>Builds the <c>jobs schedules</c> subcommands that change one schedule.</summary>
internal static class ScheduleChangeCommand
{
    public static IReadOnlyList<ScheduleChangeSpec> All { get; } =
    [
        new("pause", "Stop a schedule firing until it is resumed",
            "The schedule is claimed by the holder 'jobs:paused' with locked_at 'infinity': no scheduler claims\n"
            + "it or takes it over, and the scheduler that held it lets go at its next heartbeat without firing\n"
            + "it again. Works on every schema shape (no column is added).",
            "jobs schedules pause recurring:nightly-report", "paused", "paused (or already paused)", Confirm: false,
            (admin, s, ct) => admin.PauseScheduleAsync(s, ct), "was already paused"),
        new("resume", "Let a paused schedule fire again",
            "The pause is cleared and running schedulers are notified, so one claims it at once; it fires at its\n"
            + "next occurrence. A schedule that is not paused is left as it is.",
            "jobs schedules resume recurring:nightly-report", "resumed", "resumed (or not paused)", Confirm: false,
            (admin, s, ct) => admin.ResumeScheduleAsync(s, ct), "is not paused"),
        new("delete", "Delete a schedule",
            "Asks for confirmation unless --yes. The jobs it created are left alone. A schedule registered in code\n"
            + "is stored again when a scheduler with that registration starts: remove the registration too.",
            "jobs schedules delete 7 --yes", "deleted", "deleted", Confirm: true,
            (admin, s, ct) => admin.DeleteScheduleAsync(s, ct), "was not deleted"),
    ];

    public static Command Create(ScheduleChangeSpec change, CliContext context)
    {
        var schedule = SchedulesCommand.Selector();
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only find the schedule if it belongs to this database (tenant) id.");
        var json = CommonOptions.Json("Print the outcome as one JSON object.");
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };

        var command = new JobsCommand(change.Name, change.Description,
            change.Notes + "\n"
            + "\n"
            + $"Exit codes: 0 {change.Done}; 1 no such schedule{(change.Confirm ? ", not confirmed" : "")}, unreachable server\n"
            + $"or SQL error; 2 usage error{(change.Confirm ? " (also: no terminal to confirm on and no --yes)" : "")}.\n"
            + "\n"
            + "Example:\n"
            + "  " + change.Example);
        command.Arguments.Add(schedule);
        var options = new List<Option> { connection, schema, databaseId, json };
        if (change.Confirm)
        {
            options.Add(yes);
        }
        options.ForEach(command.Options.Add);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var selector = parseResult.GetValue(schedule);
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "schedules " + change.Name, cancellationToken).ConfigureAwait(false);
            if (change.Confirm && !parseResult.GetValue(yes))
            {
                await Confirmation.RequireAsync(context, $"{change.Name} {selector}", cancellationToken).ConfigureAwait(false);
            }
            var result = await session.RunAsync($"{change.Name} the schedule", () => change.Apply(session.Admin, selector, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.Outcome == ScheduleChangeOutcome.NotFound)
            {
                throw CliException.Failure($"no {selector} in schema {session.Schema}");
            }
            var changed = result.Outcome == ScheduleChangeOutcome.Changed;
            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", result.Id!.Value);
                    w.WriteNullableString("key", result.Key);
                    w.WriteString("task_identifier", result.TaskIdentifier);
                    w.WriteString("action", change.Name);
                    w.WriteBoolean("changed", changed);
                    w.WriteNullableString("previous_holder", result.PreviousHolder);
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var named = SchedulesCommand.Describe(result.Id, result.Key, result.TaskIdentifier);
            var line = !changed ? $"{named} {change.Unchanged}; nothing changed"
                : change.Name != "resume" && result.PreviousHolder is { } holder && holder != JobsAdmin.PausedScheduleHolder
                    ? $"{change.Past} {named}; scheduler {holder} lets go of it at its next heartbeat"
                    : $"{change.Past} {named}";
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
