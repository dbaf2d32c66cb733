using Microsoft.Extensions.Logging;

namespace Jobs.Worker;

/// <summary>
/// Retries a database write until it succeeds: a completion or failure that is not written would
/// run the job again, so a dropped connection must delay the write, never lose it or crash. A
/// write refused for want of a privilege is retried too (a grant may come), but it makes the
/// worker unhealthy at once and is logged as an error, once, naming what the role lacks.
/// </summary>
internal static class DatabaseRetry
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static Task RunAsync(Func<CancellationToken, Task> write, string what, ILogger logger, WorkerHealth health, CancellationToken cancellationToken) =>
        RunAsync(write, what, logger, health, TimeProvider.System, cancellationToken);

    /// <param name="write">The write, run until it succeeds.</param>
    /// <param name="what">The operation's name in logs and <see cref="WorkerHealth.MissingPrivileges"/>.</param>
    /// <param name="logger">Where failed attempts are logged.</param>
    /// <param name="health">Told of refused privileges and of the success that clears them.</param>
    /// <param name="time">The clock the waits between attempts run on.</param>
    /// <param name="cancellationToken">Ends the retries (the write is then given up).</param>
    public static async Task RunAsync(Func<CancellationToken, Task> write, string what, ILogger logger, WorkerHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken).ConfigureAwait(false);
                health.OperationSucceeded(what);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (MissingPrivilege.In(ex) is { } missing)
                {
                    if (health.PrivilegeMissing(what, missing))
                    {
                        Log.PrivilegeMissing(logger, what, missing, ex);
                    }
                    delay = MaxDelay;
                }
                else
                {
                    Log.DatabaseWriteFailed(logger, what, attempt, delay, ex);
                }
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
