using Microsoft.Extensions.Hosting;

namespace Jobs.Hosting;

/// <summary>Runs a <see cref="JobsScheduler"/> for the lifetime of the host; stopping the host releases its schedules.</summary>
public sealed class JobsSchedulerService(JobsScheduler scheduler) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    /// <summary>The scheduler this service runs.</summary>
    public JobsScheduler Scheduler { get; } = scheduler;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => Scheduler.RunAsync(_stopping.Token), CancellationToken.None);
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
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();
}
