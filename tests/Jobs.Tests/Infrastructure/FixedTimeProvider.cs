namespace Jobs.Tests.Infrastructure;

/// <summary>A clock that always reads <paramref name="now"/>, so two enqueues with the same Delay get the same run_at.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
