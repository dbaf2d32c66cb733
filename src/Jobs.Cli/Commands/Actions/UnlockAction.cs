using System.CommandLine;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands.Actions;

/// <summary>
/// <c>jobs unlock</c>: frees jobs whose lock is older than <c>--older-than</c>, left by a worker
/// that died or was cut off. Live workers renew their locks, so a younger lock is theirs and is
/// left alone: the tool never takes a job from under a running worker.
/// </summary>
internal sealed class UnlockAction : JobAction
{
    /// <summary>The worker's default job expiry (JobsWorkerOptions.JobExpiry, and get_job's): a lock this old has expired anyway.</summary>
    public static readonly TimeSpan DefaultOlderThan = TimeSpan.FromHours(4);

    private readonly Option<TimeSpan?> _olderThan = new("--older-than")
    {
        HelpName = "duration",
        Description = "Only locks at least this old (default 4h, the workers' default job expiry). Use your workers' expiry if it is shorter.",
        CustomParser = CommonOptions.Parse<TimeSpan>(Values.TryParseDuration, Values.DurationForms),
    };

    public override string Name => "unlock";
    public override string Done => "unlocked";
    public override string Summary => "Free jobs locked by dead workers (locks older than --older-than; live workers' jobs are left alone)";
    public override string Description =>
        "Unlocks running jobs whose lock is older than --older-than, and the named queue their worker holds\n"
        + "for them, so another worker takes them at once instead of after the expiry. A live worker renews\n"
        + "its locks, so a younger lock is left alone. The attempt is not given back.";
    public override string Example => "jobs unlock --task import --older-than 30m --yes";

    public override JobState? OnlyState => JobState.Running;

    public override void AddOptions(Command command) => command.Options.Add(_olderThan);

    public override string? WhyLeftAlone(SelectedJob job, ParseResult parseResult, DateTimeOffset now) =>
        job.LockedAt is not { } lockedAt ? "not locked"
        : now - lockedAt < OlderThan(parseResult) ? $"lock only {Ages.Duration(now - lockedAt)} old"
        : null;

    public override Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken) =>
        admin.UnlockStaleAsync(ids, OlderThan(parseResult), cancellationToken);

    private TimeSpan OlderThan(ParseResult parseResult) => parseResult.GetValue(_olderThan) ?? DefaultOlderThan;
}
