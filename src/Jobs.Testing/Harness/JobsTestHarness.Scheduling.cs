using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Testing;

// A scheduler on the harness's clock: recurring schedules fire when the test moves time, not when the wall clock says.
public sealed partial class JobsTestHarness
{
    private JobsScheduler? _scheduler;
    private Task? _schedulerRun;
    private CancellationTokenSource? _schedulerStop;

    /// <summary>
    /// Starts a scheduler on <see cref="Time"/> with the recurring jobs the services registered
    /// (handlers' <c>[Recurring]</c>, <c>AddRecurringJob</c>), and waits until it has stored them and
    /// claimed its schedules. From then on <see cref="AdvanceTimeAsync"/> past an occurrence makes it
    /// fire: assert the job with <c>AssertEnqueuedAsync(..., within: ...)</c>, since the scheduler fires
    /// in the background. It stops when the harness is disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">A scheduler was started already, or it failed to start (the inner exception says why).</exception>
    public async Task StartSchedulerAsync(CancellationToken cancellationToken = default)
    {
        if (_scheduler is not null)
        {
            throw new InvalidOperationException("The harness's scheduler runs already.");
        }
        _scheduler = new JobsScheduler(_dataSource, new JobsSchedulerOptions { UseListenNotify = false },
            new JobsClientOptions { DatabaseId = DatabaseId }, _services.GetService<JobsScheduleRegistry>(), timeProvider: Time);
        _schedulerStop = new CancellationTokenSource();
        var scheduler = _scheduler;
        var stop = _schedulerStop.Token;
        _schedulerRun = Task.Run(() => scheduler.RunAsync(stop), CancellationToken.None);
        while (!(scheduler.RegistrationsStored && scheduler.Health.LastSuccessfulFetch is not null))
        {
            if (_schedulerRun.IsCompleted)
            {
                await _schedulerRun.ConfigureAwait(false);
                throw new InvalidOperationException("The harness's scheduler stopped before it claimed its schedules.");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopSchedulerAsync()
    {
        if (_schedulerStop is null || _schedulerRun is null)
        {
            return;
        }
        await _schedulerStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _schedulerRun.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _schedulerStop.Dispose();
    }
}
