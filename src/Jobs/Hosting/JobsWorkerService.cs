using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>Runs a <see cref="JobsWorker"/> for the lifetime of the host; stopping the host stops it cleanly.</summary>
public sealed class JobsWorkerService : IHostedService, IDisposable
{
    private readonly BackgroundRun _run;

    /// <summary>A service running <paramref name="worker"/>.</summary>
    public JobsWorkerService(JobsWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        Worker = worker;
        _run = new BackgroundRun(worker.RunAsync, worker.StopNow);
    }

    /// <summary>The worker this service runs.</summary>
    public JobsWorker Worker { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _run.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _run.Dispose();
}
