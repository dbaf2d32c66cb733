using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_parcel")]
public sealed class ParcelHandler(Received received) : IJobHandler<ParcelArgs>
{
    public Task HandleAsync(ParcelArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
