using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_feelings")]
public sealed class FeelingsHandler(Received received) : IJobHandler<Feelings>
{
    public Task HandleAsync(Feelings args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
