using Jobs;

namespace JobsBench;

/// <summary>Exists so the generator emits the payload's serializer in this assembly.</summary>
[JobTask("bench_send_email")]
public sealed class SendEmailHandler : IJobHandler<EmailPayload>
{
    public Task HandleAsync(EmailPayload args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
