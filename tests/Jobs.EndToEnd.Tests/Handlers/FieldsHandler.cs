using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_fields")]
public sealed class FieldsHandler(Received received) : IJobHandler<FieldsArgs>
{
    public Task HandleAsync(FieldsArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
