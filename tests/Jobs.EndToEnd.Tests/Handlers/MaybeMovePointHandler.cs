using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

// A nullable struct as the whole payload: "null" is a valid payload.
[JobTask("e2e_maybe_move_point")]
public sealed class MaybeMovePointHandler(Received received) : IJobHandler<Point?>
{
    public Task HandleAsync(Point? args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args ?? (object)"null");
        return Task.CompletedTask;
    }
}
