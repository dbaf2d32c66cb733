using Microsoft.Extensions.Logging;

namespace Jobs.Worker;

/// <summary>
/// Retries a database write until it succeeds: a completion or failure that is not written would
/// run the job again, so a dropped connection must delay the write, never lose it or crash.
/// </summary>
internal static class DatabaseRetry
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Func<CancellationToken, Task> write, string what, ILogger logger, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.DatabaseWriteFailed(logger, what, attempt, delay, ex);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
