using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>Runs a <see cref="JobsScheduler"/> for the lifetime of the host; stopping the host releases its schedules.</summary>
public sealed class JobsSchedulerService : IHostedService, IDisposable
{
    private readonly BackgroundRun _run;

    /// <summary>A service running <paramref name="scheduler"/>.</summary>
    public JobsSchedulerService(JobsScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        _run = new BackgroundRun(scheduler.RunAsync);
    }

    /// <summary>The scheduler this service runs.</summary>
    public JobsScheduler Scheduler { get; }

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
