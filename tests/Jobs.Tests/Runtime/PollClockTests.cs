using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The worker's poll runs on its TimeProvider: without LISTEN, a job enqueued after the worker went
/// idle waits for the clock to pass the poll interval, and a fake clock decides when that is.
/// </summary>
public sealed class PollClockTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task A_job_enqueued_while_the_worker_is_idle_is_fetched_when_the_fake_clock_passes_the_poll()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("polled", (_, _) =>
        {
            started.TrySetResult();
            return Task.CompletedTask;
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // One slot: the first plan sends one fetch, so once it came back empty nothing is in flight.
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { UseListenNotify = false, PollInterval = TimeSpan.FromMinutes(10), Concurrency = 1 }, timeProvider: clock);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(worker.Health.LastSuccessfulFetch is not null), "the worker's first (empty) fetch");
            await Client.EnqueueAsync("polled", "{}"u8.ToArray());

            clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
            // Not a timing assertion: nothing but the clock can wake this worker (no LISTEN, no outcome to write).
            Assert.False(started.Task.IsCompleted, "fetched before the poll interval passed on the worker's clock");
            clock.Advance(TimeSpan.FromSeconds(1));

            // Well within the real poll interval: only the fake clock's can have woken it.
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }
}
