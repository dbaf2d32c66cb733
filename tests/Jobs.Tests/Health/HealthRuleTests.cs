using Jobs.Hosting;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Tests.Health;

/// <summary>
/// The health rules on a fake clock: each condition is judged by how long it has lasted, Degraded
/// past HealthDegradedAfter (LISTEN down and failing fetches at once), Unhealthy past HealthUnhealthyAfter.
/// </summary>
public sealed class HealthRuleTests
{
    private static readonly TimeSpan Degraded = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Unhealthy = TimeSpan.FromSeconds(60);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private WorkerHealth Running() => new()
    {
        Clock = _clock,
        Thresholds = new HealthThresholds(Degraded, Unhealthy),
        WorkerId = "w-1",
        ListenerConnected = true,
        IsRunning = true,
    };

    private static HealthCheckResult Check(WorkerHealth health) => HealthResults.From(health, "worker", "Fetching jobs");

    [Fact]
    public void A_stopped_worker_is_unhealthy() =>
        Assert.Equal(HealthStatus.Unhealthy, Check(new WorkerHealth { Clock = _clock, ListenerConnected = true }).Status);

    [Fact]
    public void A_fetch_in_flight_is_healthy_until_the_threshold_then_degraded_then_unhealthy()
    {
        var health = Running();
        health.FetchStarted(_clock.GetUtcNow());
        _clock.Advance(Degraded - TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var degraded = Check(health);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("has not completed while work is due", degraded.Description);

        _clock.Advance(Unhealthy - Degraded);
        Assert.Equal(HealthStatus.Unhealthy, Check(health).Status);

        health.FetchSucceeded(_clock.GetUtcNow());
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);
        Assert.Null(health.FetchWantedSince);
    }

    [Fact]
    public void Progress_of_one_fetch_restarts_the_wait_of_another_still_in_flight()
    {
        var health = Running();
        health.FetchStarted(_clock.GetUtcNow());
        health.FetchStarted(_clock.GetUtcNow());
        _clock.Advance(Degraded);
        health.FetchSucceeded(_clock.GetUtcNow());
        Assert.Equal(_clock.GetUtcNow(), health.FetchWantedSince);
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);
    }

    [Fact]
    public void A_failing_fetch_is_degraded_at_once_with_its_error_and_unhealthy_once_it_persists()
    {
        var health = Running();
        health.FetchStarted(_clock.GetUtcNow());
        health.FetchFailed("connection refused", _clock.GetUtcNow());
        var degraded = Check(health);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("connection refused", degraded.Description);

        // Retries that fail too keep the wait going from the first failure.
        _clock.Advance(Unhealthy / 2);
        health.FetchStarted(_clock.GetUtcNow());
        health.FetchFailed("connection refused", _clock.GetUtcNow());
        _clock.Advance(Unhealthy / 2);
        Assert.Equal(HealthStatus.Unhealthy, Check(health).Status);
    }

    [Fact]
    public void A_listener_down_is_degraded_at_once_and_unhealthy_once_it_persists()
    {
        var health = Running();
        health.ListenerLost("The ping got no answer within 00:00:10.");
        var degraded = Check(health);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("LISTEN connection is down", degraded.Description);
        Assert.Contains("ping", degraded.Description);

        _clock.Advance(Unhealthy);
        Assert.Equal(HealthStatus.Unhealthy, Check(health).Status);

        health.ListenerConnected = true;
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);
        Assert.Null(health.ListenerDownSince);
        Assert.Null(health.ListenerError);
    }

    [Fact]
    public void Results_waiting_unwritten_degrade_past_the_threshold_and_turn_unhealthy()
    {
        var health = Running();
        var since = _clock.GetUtcNow();
        health.OutcomesPending(since);
        Assert.Equal(since, health.OldestUnwrittenOutcomeSince);
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);

        _clock.Advance(Degraded);
        var degraded = Check(health);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("results wait unwritten", degraded.Description);

        _clock.Advance(Unhealthy - Degraded);
        Assert.Equal(HealthStatus.Unhealthy, Check(health).Status);

        health.OutcomesPending(null);
        Assert.Equal(HealthStatus.Healthy, Check(health).Status);
    }

    [Fact]
    public void The_worst_condition_decides_and_every_one_is_named()
    {
        var health = Running();
        health.OutcomesPending(_clock.GetUtcNow());
        health.FetchStarted(_clock.GetUtcNow());
        _clock.Advance(Degraded);
        health.ListenerLost("reset");
        _clock.Advance(Unhealthy - Degraded);
        var result = Check(health);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("has not completed", result.Description);
        Assert.Contains("LISTEN", result.Description);
        Assert.Contains("unwritten", result.Description);
    }

    [Fact]
    public void Thresholds_and_ping_settings_are_validated()
    {
        using var dataSource = JobsDataSource.Create("Host=127.0.0.1");
        IJobDispatcher[] dispatchers = [new TestDispatcher().Handle("t", (_, _) => Task.CompletedTask)];
        var inverted = Assert.Throws<ArgumentException>(() => new JobsWorker(dataSource, dispatchers, new JobsWorkerOptions { HealthDegradedAfter = TimeSpan.FromSeconds(10), HealthUnhealthyAfter = TimeSpan.FromSeconds(5) }));
        Assert.Contains("HealthUnhealthyAfter", inverted.Message);
        var noPing = Assert.Throws<ArgumentException>(() => new JobsWorker(dataSource, dispatchers, new JobsWorkerOptions { ListenerPingInterval = TimeSpan.Zero }));
        Assert.Contains("ListenerPingInterval", noPing.Message);
        var noTimeout = Assert.Throws<ArgumentException>(() => new JobsScheduler(dataSource, new JobsSchedulerOptions { ListenerPingTimeout = TimeSpan.Zero }));
        Assert.Contains("ListenerPingTimeout", noTimeout.Message);
    }
}
