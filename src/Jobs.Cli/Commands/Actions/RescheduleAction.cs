using System.CommandLine;
using Jobs.Cli.Input;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands.Actions;

/// <summary><c>jobs reschedule</c>: a new run time, priority, attempts or max attempts.</summary>
internal sealed class RescheduleAction : JobAction
{
    private readonly Option<DateTimeOffset?> _runAt = new("--run-at")
    {
        HelpName = "time",
        Description = "The new run time (ISO 8601, e.g. 2026-12-01T09:00:00Z).",
        CustomParser = CommonOptions.Parse<DateTimeOffset>(Values.TryParseTime, Values.TimeForms),
    };

    private readonly Option<TimeSpan?> _delay = new("--delay")
    {
        HelpName = "duration",
        Description = "The new run time, this long from now (90s, 15m, 2h, 1d).",
        CustomParser = CommonOptions.Parse<TimeSpan>(Values.TryParseDuration, Values.DurationForms),
    };

    private readonly Option<int?> _priority = new("--priority")
    {
        HelpName = "number",
        Description = "The new priority (lower runs first).",
        CustomParser = CommonOptions.Parse<int>(Values.TryParseInt, "a whole number"),
    };

    private readonly Option<int?> _attempts = new("--attempts")
    {
        HelpName = "count",
        Description = "The attempts made so far (0 gives a failed job its attempts back).",
        CustomParser = CommonOptions.Parse<int>(Values.TryParseInt, "a whole number"),
    };

    private readonly Option<int?> _maxAttempts = new("--max-attempts")
    {
        HelpName = "count",
        Description = "The new max attempts.",
        CustomParser = CommonOptions.Parse<int>(Values.TryParsePositive, "a whole number above 0"),
    };

    public override string Name => "reschedule";
    public override string Done => "rescheduled";
    public override string Summary => "Change jobs' run time, priority or attempts (running jobs are left alone)";
    public override string Description => "Changes only the fields given; at least one of --run-at, --delay, --priority, --attempts,\n--max-attempts. Running jobs are left alone.";
    public override string Example => "jobs reschedule --task nightly_report --delay 2h --yes";

    public override void AddOptions(Command command)
    {
        foreach (var option in new Option[] { _runAt, _delay, _priority, _attempts, _maxAttempts })
        {
            command.Options.Add(option);
        }
    }

    public override void Validate(ParseResult parseResult)
    {
        if (parseResult.GetValue(_runAt) is not null && parseResult.GetValue(_delay) is not null)
        {
            throw CliException.Usage("give --run-at or --delay, not both");
        }
        if (parseResult.GetValue(_runAt) is null && parseResult.GetValue(_delay) is null && parseResult.GetValue(_priority) is null
            && parseResult.GetValue(_attempts) is null && parseResult.GetValue(_maxAttempts) is null)
        {
            throw CliException.Usage("nothing to change: give --run-at, --delay, --priority, --attempts or --max-attempts");
        }
    }

    public override Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var runAt = parseResult.GetValue(_runAt) ?? (parseResult.GetValue(_delay) is { } delay ? DateTimeOffset.UtcNow + delay : null);
        return admin.RescheduleAsync(ids, runAt, parseResult.GetValue(_priority), parseResult.GetValue(_attempts),
            parseResult.GetValue(_maxAttempts), cancellationToken);
    }
}
