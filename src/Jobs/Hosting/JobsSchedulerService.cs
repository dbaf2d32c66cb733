using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>
/// Runs a <see cref="JobsScheduler"/> for the lifetime of the host; stopping the host releases its
/// schedules. A host that stops waiting before the scheduler has released them is let go without an
/// exception (the claims then expire on their own).
/// </summary>
public sealed class JobsSchedulerService : BackgroundService
{
    /// <summary>A service running <paramref name="scheduler"/>.</summary>
    public JobsSchedulerService(JobsScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
    }

    /// <summary>The scheduler this service runs.</summary>
    public JobsScheduler Scheduler { get; }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Scheduler.RunAsync(stoppingToken);

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken) =>
        HostStop.StopAsync(this, base.StopAsync(cancellationToken), stopNow: null, cancellationToken);
}
