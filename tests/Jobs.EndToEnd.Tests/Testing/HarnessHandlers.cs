namespace Jobs.EndToEnd.Tests.Testing;

/// <summary>Fails while <see cref="FailUntilAttempt"/> is not reached.</summary>
public sealed record FlakyArgs(string Name, int FailUntilAttempt);

[JobTask("e2e_flaky", MaxAttempts = 3)]
public sealed class FlakyHandler : IJobHandler<FlakyArgs>
{
    public Task HandleAsync(FlakyArgs args, JobContext context, CancellationToken cancellationToken) =>
        context.Attempt < args.FailUntilAttempt
            ? throw new InvalidOperationException($"{args.Name} is not ready (attempt {context.Attempt})")
            : Task.CompletedTask;
}

/// <summary>A step of a chain: each enqueues the next until none remain.</summary>
public sealed record ChainArgs(int Remaining);

[JobTask("e2e_chain")]
public sealed class ChainHandler(JobsClient client) : IJobHandler<ChainArgs>
{
    public async Task HandleAsync(ChainArgs args, JobContext context, CancellationToken cancellationToken)
    {
        if (args.Remaining > 0)
        {
            await client.EnqueueChainAsync(new ChainArgs(args.Remaining - 1), cancellationToken: cancellationToken);
        }
    }
}
