using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>Runs a <see cref="JobsWorker"/> for the lifetime of the host; stopping the host stops it cleanly.</summary>
public sealed class JobsWorkerService(JobsWorker worker) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    /// <summary>The worker this service runs.</summary>
    public JobsWorker Worker { get; } = worker;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => Worker.RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        // The worker bounds its own shutdown (grace period, then release); the host's token only
        // stops us waiting for it.
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();
}
