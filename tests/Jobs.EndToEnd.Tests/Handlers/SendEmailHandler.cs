using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_send_email", Queue = "mail", MaxAttempts = 7, TimeoutSeconds = 30)]
public sealed class SendEmailHandler(Received received) : IJobHandler<EmailArgs>
{
    public Task HandleAsync(EmailArgs args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
