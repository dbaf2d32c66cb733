using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_fidelity")]
public sealed class FidelityHandler(Received received) : IJobHandler<FidelityArgs>
{
    public Task HandleAsync(FidelityArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
