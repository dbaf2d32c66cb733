using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_move_point")]
public sealed class MovePointHandler(Received received) : IJobHandler<Point>
{
    public Task HandleAsync(Point args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
