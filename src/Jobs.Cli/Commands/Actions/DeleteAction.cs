using System.CommandLine;

namespace Jobs.Cli.Commands.Actions;

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
