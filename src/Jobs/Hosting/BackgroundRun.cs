namespace Jobs.Hosting;

/// <summary>
/// One <c>RunAsync(stoppingToken)</c> loop started by a hosted service and stopped with it: the
/// shared half of <see cref="JobsWorkerService"/> and <see cref="JobsSchedulerService"/>.
/// </summary>
/// <param name="run">The loop.</param>
/// <param name="stopNow">Cuts the loop's own shutdown short, when the host stops waiting for it.</param>
internal sealed class BackgroundRun(Func<CancellationToken, Task> run, Action? stopNow = null) : IDisposable
{
    /// <summary>How long the loop is given to return once cut short, before the host is let go anyway.</summary>
    private static readonly TimeSpan LastWait = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;

    public void Start() => _running = Task.Run(() => run(_stopping.Token), CancellationToken.None);

    /// <summary>
    /// Signals the loop to stop and waits for it. The loop bounds its own shutdown (grace period,
    /// then final writes); when the host's token fires first, the loop is told to give up at once
    /// and the host is let go without an exception: an unhandled one here would crash the process
    /// on its way out, and the loop's jobs are recovered by lock expiry either way.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running is null)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_running.IsCompleted)
        {
            stopNow?.Invoke();
            await Task.WhenAny(_running, Task.Delay(LastWait, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
