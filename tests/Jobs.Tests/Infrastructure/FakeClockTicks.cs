using Jobs.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.Infrastructure;

/// <summary>Driving a fake clock while the code under test works against a real database.</summary>
public static class FakeClockTicks
{
    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="step"/> at each check until <paramref name="condition"/>
    /// holds: the code sees time pass a step at a time, however fast it keeps up, and nobody sleeps.
    /// </summary>
    public static Task TickUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }
            clock.Advance(step);
            return false;
        }, what);
}
