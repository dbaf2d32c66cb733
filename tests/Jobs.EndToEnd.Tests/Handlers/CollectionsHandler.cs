using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_collections")]
public sealed class CollectionsHandler(Received received) : IJobHandler<Collections>
{
    public Task HandleAsync(Collections args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
