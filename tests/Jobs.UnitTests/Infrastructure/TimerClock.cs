using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.UnitTests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created on it (a
/// <c>Task.Delay(delay, time, ...)</c> is one), so a test waits for the code under test to start
/// waiting, checks for how long, and then moves the clock: no race with the wall clock.
/// </summary>
public sealed class TimerClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public TimerClock() : base(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (waits for it, at most 10 s of real time).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for the next timer, checks its due time, then moves the clock past it.</summary>
    public async Task ElapseNextAsync(TimeSpan expected)
    {
        Assert.Equal(expected, await NextTimerAsync());
        Advance(expected);
    }
}
