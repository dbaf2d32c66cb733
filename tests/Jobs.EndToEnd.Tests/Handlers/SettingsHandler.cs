using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_settings")]
public sealed class SettingsHandler(Received received) : IJobHandler<Settings>
{
    public Task HandleAsync(Settings args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
