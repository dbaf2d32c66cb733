namespace Jobs.Hosting;

/// <summary>
/// One <c>RunAsync(stoppingToken)</c> loop started by a hosted service and stopped with it: the
/// shared half of <see cref="JobsWorkerService"/> and <see cref="JobsSchedulerService"/>.
/// </summary>
internal sealed class BackgroundRun(Func<CancellationToken, Task> run) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;

    public void Start() => _running = Task.Run(() => run(_stopping.Token), CancellationToken.None);

    /// <summary>
    /// Signals the loop to stop and waits for it. The loop bounds its own shutdown (grace period,
    /// then release); the host's token only stops us waiting for it.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running is null)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
