using Jobs.Testing;

namespace Jobs.Tests.Infrastructure;

/// <summary>A scheduler running in the background of a test; disposing stops it cleanly.</summary>
public sealed class SchedulerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public SchedulerRun(string connectionString, JobsSchedulerOptions options, JobsScheduleRegistry? registry = null, Guid? databaseId = null,
        TimeProvider? time = null)
    {
        var dataSource = SharedDataSources.For(connectionString);
        // 0.47's run_scheduled_job refuses a schedule with neither actor nor entity.
        options.Attribution ??= new JobAttribution { ActorId = SchedulerActor };
        Scheduler = new JobsScheduler(dataSource, options, new JobsClientOptions { DatabaseId = databaseId }, registry, timeProvider: time);
        Run = Task.Run(() => Scheduler.RunAsync(_stop.Token));
    }

    /// <summary>The service actor schedules are registered for when a test sets none.</summary>
    public static readonly Guid SchedulerActor = Guid.Parse("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f");

    public JobsScheduler Scheduler { get; }

    public Task Run { get; }

    /// <summary>Waits until registrations are stored, one claim pass is done and, with LISTEN, it listens.</summary>
    public Task ReadyAsync() => Eventually.TrueAsync(
        () =>
        {
            Assert.False(Run.IsFaulted, Run.Exception?.ToString());
            return Task.FromResult(Scheduler.RegistrationsStored && Scheduler.Health.LastSuccessfulFetch is not null && Scheduler.Health.ListenerConnected);
        },
        "the scheduler to claim once and listen");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }
}
