using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_hiding")]
public sealed class HidingHandler(Received received) : IJobHandler<HidingArgs>
{
    public Task HandleAsync(HidingArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
