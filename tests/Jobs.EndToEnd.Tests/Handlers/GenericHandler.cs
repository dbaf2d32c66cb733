using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_generic")]
public sealed class GenericHandler(Received received) : IJobHandler<GenericArgs>
{
    public Task HandleAsync(GenericArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
