using System.Diagnostics;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that another process (the database, a worker) makes true, checking it
/// every few milliseconds; fails with <paramref name="what"/> after the timeout. Not a sleep: it
/// returns as soon as the condition holds.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit} waiting for: {what}");
            }
            await Task.Delay(20);
        }
    }
}
