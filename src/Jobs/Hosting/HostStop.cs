using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>
/// What <see cref="JobsWorkerService"/> and <see cref="JobsSchedulerService"/> add to
/// <see cref="BackgroundService.StopAsync"/>: the loop bounds its own shutdown (grace period, then
/// final writes); when the host's token fires first, the loop is told to give up at once and the host
/// is let go without an exception. An unhandled one there would crash the process on its way out,
/// and the loop's jobs are recovered by lock expiry either way.
/// </summary>
internal static class HostStop
{
    /// <summary>How long the loop is given to return once cut short, before the host is let go anyway.</summary>
    internal static readonly TimeSpan LastWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Awaits <paramref name="baseStop"/> (the service's <see cref="BackgroundService.StopAsync"/>,
    /// which cancels the loop and waits for it or for <paramref name="cancellationToken"/>); if the
    /// token fired first, calls <paramref name="stopNow"/> and waits at most <see cref="LastWait"/> more.
    /// </summary>
    public static async Task StopAsync(BackgroundService service, Task baseStop, Action? stopNow, CancellationToken cancellationToken)
    {
        try
        {
            await baseStop.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && service.ExecuteTask is { IsCompleted: false })
        {
            // BackgroundService gives up waiting with this exception on some versions, returns on others.
        }
        if (cancellationToken.IsCancellationRequested && service.ExecuteTask is { IsCompleted: false } running)
        {
            stopNow?.Invoke();
            await Task.WhenAny(running, Task.Delay(LastWait, CancellationToken.None)).ConfigureAwait(false);
        }
    }
}
