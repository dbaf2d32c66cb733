using System.Diagnostics;
using Jobs.Hosting;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Tests.Health;

/// <summary>
/// The worker's network between it and PostgreSQL goes through a <see cref="TcpProxy"/> the test
/// freezes, blackholes and kills; the test's own client goes direct. Health must see each fault,
/// the listener must find a dead connection by its ping and reconnect, and NOTIFY must wake the
/// worker again afterwards (the poll is set to 10 minutes, so only a NOTIFY starts a job in time).
/// </summary>
public abstract class NetworkFaultTests(SchemaDatabase database) : RuntimeTest(database)
{
    public static TheoryData<FetchStrategy> Strategies => new() { FetchStrategy.Batched, FetchStrategy.SchemaFunctions };

    private static readonly TimeSpan PingInterval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_frozen_network_turns_health_degraded_then_unhealthy_and_healthy_again_after_restore(FetchStrategy strategy)
    {
        await using var proxy = TcpProxy.ForConnectionString(Database.ConnectionString);
        var done = 0;
        var dispatcher = new TestDispatcher().Handle("frozen", (_, _) =>
        {
            Interlocked.Increment(ref done);
            return Task.CompletedTask;
        });
        // No LISTEN here: the fetch loop's own stall is what health must see. The short poll makes
        // the loop want jobs (and start a fetch) while the network is frozen.
        var options = new JobsWorkerOptions
        {
            FetchStrategy = strategy,
            Concurrency = 2,
            UseListenNotify = false,
            PollInterval = TimeSpan.FromMilliseconds(100),
            HealthDegradedAfter = TimeSpan.FromMilliseconds(500),
            HealthUnhealthyAfter = TimeSpan.FromMilliseconds(1500),
        };
        await using var worker = new WorkerRun(proxy.Rewrite(Database.ConnectionString), dispatcher, options);
        await worker.ReadyAsync();
        var check = new JobsWorkerHealthCheck(worker.Worker);
        await WaitForStatusAsync(check, HealthStatus.Healthy);

        proxy.Freeze();
        await Client.EnqueueManyAsync(Enumerable.Range(0, 20).Select(_ => new JobRequest("frozen", default)));
        var degraded = await WaitForStatusAsync(check, HealthStatus.Degraded);
        Assert.Contains("has not completed while work is due", degraded.Description);
        await WaitForStatusAsync(check, HealthStatus.Unhealthy);
        Assert.Equal(0, Volatile.Read(ref done));

        proxy.Restore();
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref done) == 20), "every job to run after the network came back", TimeSpan.FromSeconds(15));
        await WaitForStatusAsync(check, HealthStatus.Healthy);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_blackholed_listener_is_found_dead_by_its_ping_and_NOTIFY_wakes_the_worker_after_restore(FetchStrategy strategy)
    {
        await using var proxy = TcpProxy.ForConnectionString(Database.ConnectionString);
        using var started = new SemaphoreSlim(0);
        var dispatcher = new TestDispatcher().Handle("woken", (_, _) =>
        {
            started.Release();
            return Task.CompletedTask;
        });
        await using var worker = new WorkerRun(proxy.Rewrite(Database.ConnectionString), dispatcher, ListeningOptions(strategy));
        await worker.ReadyAsync();
        var check = new JobsWorkerHealthCheck(worker.Worker);

        var clock = Stopwatch.StartNew();
        proxy.Blackhole();
        await Eventually.TrueAsync(() => Task.FromResult(!worker.Worker.Health.ListenerConnected), "the ping to find the listener dead", TimeSpan.FromSeconds(15));
        // Found by the ping: within one interval and one timeout (plus scheduling slack), not TCP's minutes.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, PingInterval + PingTimeout + TimeSpan.FromSeconds(5));
        var degraded = await WaitForStatusAsync(check, HealthStatus.Degraded);
        Assert.Contains("LISTEN connection is down", degraded.Description);

        proxy.Restore();
        await Eventually.TrueAsync(() => Task.FromResult(worker.Worker.Health.ListenerConnected), "the listener to reconnect", TimeSpan.FromSeconds(15));
        await WaitForStatusAsync(check, HealthStatus.Healthy);
        await AssertNotifyWakesAsync(started);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_killed_listener_reconnects_and_NOTIFY_wakes_the_worker_again(FetchStrategy strategy)
    {
        await using var proxy = TcpProxy.ForConnectionString(Database.ConnectionString);
        using var started = new SemaphoreSlim(0);
        var dispatcher = new TestDispatcher().Handle("woken", (_, _) =>
        {
            started.Release();
            return Task.CompletedTask;
        });
        await using var worker = new WorkerRun(proxy.Rewrite(Database.ConnectionString), dispatcher, ListeningOptions(strategy));
        await worker.ReadyAsync();

        // Every connection through the proxy is reset, the listener's with them. It reconnects
        // after a backoff of at least 100 ms, long enough to be seen down.
        proxy.Kill();
        await Eventually.TrueAsync(() => Task.FromResult(!worker.Worker.Health.ListenerConnected), "the listener to see its connection reset", TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => Task.FromResult(worker.Worker.Health.ListenerConnected), "the listener to reconnect", TimeSpan.FromSeconds(15));
        await AssertNotifyWakesAsync(started);
    }

    [Fact]
    public async Task A_blackholed_scheduler_listener_is_found_dead_and_reconnects()
    {
        await using var proxy = TcpProxy.ForConnectionString(Database.ConnectionString);
        await using var scheduler = new SchedulerRun(proxy.Rewrite(Database.ConnectionString), new JobsSchedulerOptions
        {
            ListenerPingInterval = PingInterval,
            ListenerPingTimeout = PingTimeout,
            PollInterval = TimeSpan.FromMinutes(10),
        });
        await scheduler.ReadyAsync();
        var check = new JobsSchedulerHealthCheck(scheduler.Scheduler);

        proxy.Blackhole();
        var degraded = await WaitForStatusAsync(check, HealthStatus.Degraded);
        Assert.Contains("LISTEN connection is down", degraded.Description);

        proxy.Restore();
        await WaitForStatusAsync(check, HealthStatus.Healthy);
        Assert.True(scheduler.Scheduler.Health.ListenerConnected);
    }

    private static JobsWorkerOptions ListeningOptions(FetchStrategy strategy) => new()
    {
        FetchStrategy = strategy,
        Concurrency = 2,
        PollInterval = TimeSpan.FromMinutes(10),
        ListenerPingInterval = PingInterval,
        ListenerPingTimeout = PingTimeout,
    };

    /// <summary>
    /// With the poll 10 minutes away, jobs starting within seconds were woken by NOTIFY. Two, one
    /// after the other: a wake left over from reconnecting could start the first, not the second.
    /// </summary>
    private async Task AssertNotifyWakesAsync(SemaphoreSlim started)
    {
        for (var i = 0; i < 2; i++)
        {
            await Client.EnqueueAsync("woken", default);
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(10)), $"job {i + 1} did not start: NOTIFY did not wake the worker");
        }
    }

    private static async Task<HealthCheckResult> WaitForStatusAsync(IHealthCheck check, HealthStatus status)
    {
        HealthCheckResult last = default;
        await Eventually.TrueAsync(async () =>
        {
            last = await check.CheckHealthAsync(new HealthCheckContext());
            return last.Status == status;
        }, $"health {status}", TimeSpan.FromSeconds(15));
        return last;
    }
}

public sealed class NetworkFaultTestsOnInstaller(InstallerDatabase database) : NetworkFaultTests(database), IClassFixture<InstallerDatabase>;

public sealed class NetworkFaultTestsOnPgpm(PgpmDatabase database) : NetworkFaultTests(database), IClassFixture<PgpmDatabase>;

public sealed class NetworkFaultTestsOnUpstream047(Upstream047Database database) : NetworkFaultTests(database), IClassFixture<Upstream047Database>;
