using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>
/// Runs a <see cref="JobsWorker"/> for the lifetime of the host; stopping the host stops it cleanly.
/// A host that stops waiting (its <c>HostOptions.ShutdownTimeout</c>) before the worker's own shutdown
/// ends cuts the worker short and is let go without an exception.
/// </summary>
public sealed class JobsWorkerService : BackgroundService
{
    /// <summary>A service running <paramref name="worker"/>.</summary>
    public JobsWorkerService(JobsWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        Worker = worker;
    }

    /// <summary>The worker this service runs.</summary>
    public JobsWorker Worker { get; }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Worker.RunAsync(stoppingToken);

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken) =>
        HostStop.StopAsync(this, base.StopAsync(cancellationToken), Worker.StopNow, cancellationToken);
}
