using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_tree")]
public sealed class TreeHandler(Received received) : IJobHandler<TreeNode>
{
    public Task HandleAsync(TreeNode args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
