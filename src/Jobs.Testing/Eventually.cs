using System.Diagnostics;
using Npgsql;

namespace Jobs.Testing;

/// <summary>
/// Waits for a condition that another process (the database, a worker) makes true, checking it
/// every few milliseconds; returns as soon as it holds. Not a sleep. A database error while
/// checking (tests that kill connections) counts as "not yet" and is reported on timeout.
/// </summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> returns true.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/> (default 60 s); the message names <paramref name="what"/>.</exception>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
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
                throw new TimeoutException($"Timed out after {limit} waiting for: {what}" + (lastError is null ? "" : $" (last error: {lastError.Message})"), lastError);
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
