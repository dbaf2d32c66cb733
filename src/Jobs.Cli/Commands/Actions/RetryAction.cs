using System.CommandLine;

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
