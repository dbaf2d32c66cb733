using System.Diagnostics;
using Npgsql;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Waits for a condition another process (the database, a worker) makes true, checking it every
/// few milliseconds; returns as soon as it holds and fails with <paramref name="what"/> after the timeout.
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
