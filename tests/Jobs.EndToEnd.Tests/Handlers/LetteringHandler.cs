using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_lettering")]
public sealed class LetteringHandler(Received received) : IJobHandler<Lettering>
{
    public Task HandleAsync(Lettering args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
