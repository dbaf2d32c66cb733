using System.CommandLine;
using System.CommandLine.Parsing;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs schedules</c>: the recurring jobs of app_jobs.scheduled_jobs, with <c>list</c>,
/// <c>run-now</c>, <c>pause</c>, <c>resume</c> and <c>delete</c> as subcommands.
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new JobsCommand("schedules", "Recurring jobs: list them with their next run, run one now, pause, resume or delete one",
            "A schedule is named by its id (digits) or its key (anything else; registrations from code are\n"
            + "keyed recurring:<name>). A paused schedule is claimed by the holder 'jobs:paused', so no scheduler\n"
            + "fires it until 'jobs schedules resume'; this works on every schema shape.\n"
            + "\n"
            + "Exit codes: 0 done; 1 no such schedule, unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs schedules list");
        command.Subcommands.Add(SchedulesListCommand.Create(context));
        command.Subcommands.Add(SchedulesRunNowCommand.Create(context));
        foreach (var change in ScheduleChangeCommand.All)
        {
            command.Subcommands.Add(ScheduleChangeCommand.Create(change, context));
        }
        command.SetAction((Func<ParseResult, int>)(_ =>
            throw CliException.Usage("no subcommand given; use 'jobs schedules list', 'run-now', 'pause', 'resume' or 'delete'")));
        return command;
    }

    /// <summary>The <c>&lt;id|key&gt;</c> argument every subcommand but <c>list</c> takes.</summary>
    public static Argument<ScheduleSelector> Selector() => new("id|key")
    {
        Description = "The schedule: its id (digits only) or its key.",
        CustomParser = Parse,
    };

    private static ScheduleSelector Parse(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        try
        {
            return ScheduleSelector.Parse(text);
        }
        catch (ArgumentException)
        {
            result.AddError($"'{text}' is not a schedule id or key: use a whole number above 0, or a key of 1 to 512 characters");
            return default;
        }
    }

    /// <summary>"schedule 7 'nightly' (task report)": how messages name a schedule that was found.</summary>
    public static string Describe(long? id, string? key, string? task) =>
        $"schedule {id}{(key is null ? "" : $" '{key}'")}{(task is null ? "" : $" (task {task})")}";
}
