using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_user_renamed")]
public sealed class UserRenamedHandler(Received received) : IJobHandler<UserRenamed>
{
    public Task HandleAsync(UserRenamed args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
