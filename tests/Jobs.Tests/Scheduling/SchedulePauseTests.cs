using Jobs.Testing;
using Jobs.Tests.Compatibility;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Scheduling;

/// <summary>
/// Pausing a schedule (<see cref="JobsAdmin.PauseScheduleAsync"/>: the sentinel holder with locked_at
/// 'infinity') against running schedulers, on every schema shape: a paused schedule is never claimed
/// or fired, resumed it fires again, a scheduler holding it stops firing it, and a registration
/// rewritten at start keeps it paused. Time moves on a fake clock; "does not fire" is judged against a
/// control schedule that does fire in the same ticks.
/// </summary>
public abstract class SchedulePauseTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const string EverySecond = """{"rule": "* * * * * *"}""";

    private SchedulerRun StartScheduler(string id, FakeTimeProvider? clock = null, JobsScheduleRegistry? registry = null) =>
        new(Database.ConnectionString, new JobsSchedulerOptions
        {
            WorkerId = id,
            PollInterval = TimeSpan.FromMinutes(10),
            // Heartbeat every 0.5 s on the fake clock.
            ClaimExpiry = TimeSpan.FromSeconds(2),
        }, registry, registry is null ? null : DatabaseId, clock);

    private static FakeTimeProvider FakeClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMilliseconds(500));
    }

    private Task<ScheduledJobRow> AddScheduleAsync(string identifier, string? jobKey = null) =>
        DataSource.AddScheduledJobAsync(identifier, scheduleInfo: EverySecond, jobKey: jobKey,
            actorId: Database.Flavor == SchemaFlavor.Upstream047 ? SchedulerRun.SchedulerActor : null);

    private Task<long> JobsOfAsync(string task) => ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = $1", task);

    private Task<string?> LockedByAsync(long scheduleId) =>
        DataSource.ScalarAsync<string>("SELECT locked_by FROM app_jobs.scheduled_jobs WHERE id = $1", scheduleId);

    /// <summary>
    /// Advances <paramref name="clock"/> a second at a time until <paramref name="task"/> has fired
    /// <paramref name="times"/> more jobs; each is deleted (as a worker completing it would), so the
    /// next occurrence is not skipped as ALREADY_SCHEDULED, for the control and the paused schedule alike.
    /// </summary>
    private async Task FiresAsync(FakeTimeProvider clock, string task, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await Eventually.TrueAsync(async () =>
            {
                if (await JobsOfAsync(task) > 0)
                {
                    return true;
                }
                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            }, $"{task} to fire");
            await ExecuteAsync("DELETE FROM app_jobs.jobs WHERE task_identifier = $1", task);
        }
    }

    [Fact]
    public async Task A_paused_schedule_is_never_claimed_or_fired_and_resumed_it_fires_again()
    {
        var paused = await AddScheduleAsync("paused_task");
        await AddScheduleAsync("control_task");
        Assert.Equal(ScheduleChangeOutcome.Changed, (await Admin.PauseScheduleAsync(ScheduleSelector.ById(paused.Id))).Outcome);
        // As if paused long before, past any claim expiry (the database's now() runs in real time):
        // 'infinity' minus ten minutes is still 'infinity', so no take-over pass finds it expired.
        await ExecuteAsync("UPDATE app_jobs.scheduled_jobs SET locked_at = locked_at - interval '10 minutes' WHERE id = $1", paused.Id);
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-pause", clock);
        await scheduler.ReadyAsync();

        // Past several claim expiries (2 s) and heartbeats: the sentinel's claim never expires.
        await FiresAsync(clock, "control_task", 4);

        Assert.Equal(0, await JobsOfAsync("paused_task"));
        Assert.DoesNotContain(paused.Id, scheduler.Scheduler.ClaimedScheduleIds);
        Assert.Equal(JobsAdmin.PausedScheduleHolder, await LockedByAsync(paused.Id));

        Assert.Equal(ScheduleChangeOutcome.Changed, (await Admin.ResumeScheduleAsync(ScheduleSelector.ById(paused.Id))).Outcome);

        // The resume's NOTIFY brings the claim (the poll interval is ten minutes).
        await FiresAsync(clock, "paused_task", 2);
        Assert.Equal("scheduler-pause", await LockedByAsync(paused.Id));
    }

    [Fact]
    public async Task Pausing_a_schedule_a_running_scheduler_holds_stops_it_firing()
    {
        var held = await AddScheduleAsync("held_task", jobKey: null);
        await AddScheduleAsync("control_task");
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-holder", clock);
        await scheduler.ReadyAsync();
        await FiresAsync(clock, "held_task", 1);
        Assert.Contains(held.Id, scheduler.Scheduler.ClaimedScheduleIds);

        var change = await Admin.PauseScheduleAsync(ScheduleSelector.ById(held.Id));
        Assert.Equal("scheduler-holder", change.PreviousHolder);
        // Nothing blocks a new occurrence but the pause.
        await ExecuteAsync("DELETE FROM app_jobs.jobs WHERE task_identifier = 'held_task'");

        await FiresAsync(clock, "control_task", 3);

        Assert.Equal(0, await JobsOfAsync("held_task"));
        Assert.DoesNotContain(held.Id, scheduler.Scheduler.ClaimedScheduleIds);
        Assert.Equal(JobsAdmin.PausedScheduleHolder, await LockedByAsync(held.Id));
    }

    [Fact]
    public async Task A_registration_rewritten_at_start_keeps_its_schedule_paused()
    {
        await using (var first = StartScheduler("scheduler-reg-1", registry: new JobsScheduleRegistry().Add(new RecurringJob("cleanup", "0 2 * * *"))))
        {
            await first.ReadyAsync();
        }
        Assert.Equal(ScheduleChangeOutcome.Changed, (await Admin.PauseScheduleAsync(ScheduleSelector.ByKey("recurring:cleanup"))).Outcome);

        await using var second = StartScheduler("scheduler-reg-2", registry: new JobsScheduleRegistry().Add(new RecurringJob("cleanup", "0 4 * * *")));
        await second.ReadyAsync();

        var stored = Assert.Single(await DataSource.AllScheduledJobsAsync());
        AssertJson("""{"rule": "0 4 * * *"}""", stored.ScheduleInfo);
        Assert.Equal(JobsAdmin.PausedScheduleHolder, stored.LockedBy);
        Assert.Empty(second.Scheduler.ClaimedScheduleIds);
        Assert.True(Assert.Single(await Admin.ListSchedulesAsync()).IsPaused);
    }
}

public sealed class SchedulePauseTestsOnInstaller(InstallerDatabase database) : SchedulePauseTests(database), IClassFixture<InstallerDatabase>;

public sealed class SchedulePauseTestsOnPgpm(PgpmDatabase database) : SchedulePauseTests(database), IClassFixture<PgpmDatabase>;

public sealed class SchedulePauseTestsOnUpstream047(Upstream047Database database) : SchedulePauseTests(database), IClassFixture<Upstream047Database>;
