using System.Diagnostics;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that another process (the database, a worker) makes true, checking it
/// every few milliseconds; fails with <paramref name="what"/> after the timeout. Not a sleep: it
/// returns as soon as the condition holds. A database error while checking (tests that kill
/// connections) counts as "not yet" and is reported if the wait times out.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (NpgsqlException ex)
            {
                lastError = ex;
            }
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit} waiting for: {what}" + (lastError is null ? "" : $" (last error: {lastError.Message})"));
            }
            await Task.Delay(20);
        }
    }
}
