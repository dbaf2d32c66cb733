using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_primitives")]
public sealed class PrimitivesJob(Received received) : IJobHandler<Primitives>
{
    public Task HandleAsync(Primitives args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
