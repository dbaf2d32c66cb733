using System.CommandLine;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands.Actions;

/// <summary><c>jobs retry</c>: due now, with a fresh set of attempts.</summary>
internal sealed class RetryAction : JobAction
{
    public override string Name => "retry";
    public override string Done => "retried";
    public override string Summary => "Retry jobs now, with a fresh set of attempts (running jobs are left alone)";
    public override string Description => "Makes the jobs due now with their attempts reset to 0 and keeps last_error until the next run.\nRunning jobs are left alone.";
    public override string Example => "jobs retry --state failed --task send_email --yes";

    public override Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken) =>
        admin.RetryNowAsync(ids, cancellationToken);
}

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

/// <summary><c>jobs delete</c>: gone.</summary>
internal sealed class DeleteAction : JobAction
{
    public override string Name => "delete";
    public override string Done => "deleted";
    public override string Summary => "Delete jobs (running jobs are left alone)";
    public override string Description => "Deletes the jobs; their named queues' counts follow. Running jobs are left alone.";
    public override string Example => "jobs delete --queue imports --state failed --dry-run";

    public override Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ParseResult parseResult, CancellationToken cancellationToken) =>
        admin.DeleteAsync(ids, cancellationToken);
}
