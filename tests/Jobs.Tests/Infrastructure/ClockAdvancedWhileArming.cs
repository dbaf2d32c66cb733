using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// A fake clock that, the first time a timer is armed on it, moves past that timer's due time
/// just before arming it: what a test advancing the clock on its own thread does when it lands
/// between the code reading the clock and arming its timer. A timer armed for a duration then
/// falls due one whole advance late, and a fake clock nobody advances again never gets there.
/// </summary>
public sealed class ClockAdvancedWhileArming(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _advanced;

    /// <summary>True once the clock has moved under a timer being armed.</summary>
    public bool Advanced => Volatile.Read(ref _advanced) == 1;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && Interlocked.CompareExchange(ref _advanced, 1, 0) == 0)
        {
            Advance(dueTime + TimeSpan.FromSeconds(1));
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
