using System.CommandLine;

namespace Jobs.Cli.Commands.Actions;

/// <summary>
/// One of the commands that change jobs chosen by id or filter (retry, fail, delete, reschedule,
/// unlock): its name, its own options, which of the chosen jobs it would change, and the admin
/// call that changes them. <see cref="JobActionCommand"/> does the rest alike for all.
/// </summary>
internal abstract class JobAction
{
    /// <summary>The command's name: <c>retry</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What was done, for the report: <c>retried</c>.</summary>
    public abstract string Done { get; }

    /// <summary>One line for <c>jobs --help</c>.</summary>
    public abstract string Summary { get; }

    /// <summary>What the command does and leaves alone, for its help.</summary>
    public abstract string Description { get; }

    /// <summary>One example command line.</summary>
    public abstract string Example { get; }

    /// <summary>The only state the jobs it acts on can be in (unlock: running); null for any.</summary>
    public virtual JobState? OnlyState => null;

    /// <summary>Adds the action's own options to <paramref name="command"/>.</summary>
    public virtual void AddOptions(Command command)
    {
    }

    /// <summary>Checks the action's own options; throws a usage error before anything is read or changed.</summary>
    public virtual void Validate(ParseResult parseResult)
    {
    }

    /// <summary>
    /// Why <paramref name="job"/> would be left alone, or null when the action would change it.
    /// Only a forecast for --dry-run and the prompt: the database decides, in the same statement
    /// that changes the jobs.
    /// </summary>
    public virtual string? WhyLeftAlone(SelectedJob job, ParseResult parseResult, DateTimeOffset now) =>
        job.LockedAt is not null ? "running" : null;

    /// <summary>Changes the jobs <paramref name="ids"/> as far as the admin's rules allow; returns those changed.</summary>
    public abstract Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken);
}
