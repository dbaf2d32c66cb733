using System.CommandLine;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands.Actions;

/// <summary><c>jobs fail</c>: permanently failed, with a reason.</summary>
internal sealed class FailAction : JobAction
{
    private readonly Option<string> _reason = CommonOptions.NonEmpty(new Option<string>("--reason")
    {
        HelpName = "text",
        Description = "The last_error to record (default: 'Manually marked as failed').",
    });

    public override string Name => "fail";
    public override string Done => "failed";
    public override string Summary => "Mark jobs permanently failed: never retried, kept for inspection (running jobs are left alone)";
    public override string Description => "Sets attempts to max_attempts and last_error to the reason. Running jobs are left alone.";
    public override string Example => "jobs fail 4711 --reason \"customer deleted\"";

    public override void AddOptions(Command command) => command.Options.Add(_reason);

    public override Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken) =>
        admin.PermanentlyFailAsync(ids, parseResult.GetValue(_reason), cancellationToken);
}
