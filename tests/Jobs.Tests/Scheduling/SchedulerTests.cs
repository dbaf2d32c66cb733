using static Jobs.Tests.Infrastructure.FakeClockTicks;
using System.Diagnostics.Metrics;
using Jobs.Testing;
using Microsoft.Extensions.Time.Testing;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Jobs.Tests.Compatibility;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Scheduling;

/// <summary>
/// The scheduler against a real database, on every schema. Where its decisions are time-driven
/// (occurrences, renewals) it runs on a fake clock the test advances; the database's now() runs in
/// real time, and tests that depend on it (claim expiry, missed occurrences) age rows in SQL instead.
/// </summary>
public abstract class SchedulerTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const string EverySecond = """{"rule": "* * * * * *"}""";

    private static JobsSchedulerOptions Options(string id, TimeSpan? claimExpiry = null) => new()
    {
        WorkerId = id,
        PollInterval = TimeSpan.FromMinutes(10),
        ClaimExpiry = claimExpiry ?? TimeSpan.FromMinutes(5),
    };

    private SchedulerRun StartScheduler(string id, TimeSpan? claimExpiry = null, JobsScheduleRegistry? registry = null, TimeProvider? time = null) =>
        new(Database.ConnectionString, Options(id, claimExpiry), registry, registry is null ? null : DatabaseId, time);

    /// <summary>A fake clock at the real time, half a second past a second, so "every second" is due within one advance of a second.</summary>
    private static FakeTimeProvider FakeClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMilliseconds(500));
    }

    // 0.47's run_scheduled_job refuses a schedule with neither actor nor entity: schedules written
    // by SQL there carry the service actor, as a real deployment's would.
    private Task<ScheduledJobRow> AddScheduleAsync(string identifier, string? payload = null, string? scheduleInfo = null, string? jobKey = null,
        string? queueName = null, int? maxAttempts = null, int? priority = null) =>
        DataSource.AddScheduledJobAsync(identifier, payload, scheduleInfo, jobKey, queueName, maxAttempts, priority,
            actorId: Database.Flavor == SchemaFlavor.Upstream047 ? SchedulerRun.SchedulerActor : null);

    private Task<long> JobsOfAsync(string task) => ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = $1", task);

    private Task<string?> LockedByAsync(long scheduleId) =>
        DataSource.ScalarAsync<string>("SELECT locked_by FROM app_jobs.scheduled_jobs WHERE id = $1", scheduleId);

    [Fact]
    public async Task A_schedule_every_second_fires_jobs_that_a_worker_runs()
    {
        var schedule = await AddScheduleAsync("tick", scheduleInfo: EverySecond);
        var dispatcher = new TestDispatcher().Handle("tick", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        await using var worker = new WorkerRun(Database.ConnectionString, dispatcher, new JobsWorkerOptions { WorkerId = "tick-worker", PollInterval = TimeSpan.FromMilliseconds(200) });
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-tick", time: clock);
        await scheduler.ReadyAsync();

        await TickUntilAsync(clock, TimeSpan.FromSeconds(1),
            async () => await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE task = 'tick'") >= 2,
            "two scheduled jobs to run");

        Assert.Equal("scheduler-tick", await LockedByAsync(schedule.Id));
        Assert.NotNull((await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task An_occurrence_fires_when_the_clock_passes_it_while_the_scheduler_arms_its_wait()
    {
        // The harness's tests advance the fake clock while the scheduler may be between planning
        // its sleep and arming it: seen as a nightly schedule that never fired in a full run.
        await AddScheduleAsync("armed", scheduleInfo: EverySecond);
        var start = FakeClock().GetUtcNow();
        var clock = new ClockAdvancedWhileArming(start);
        // No LISTEN, as in the harness: its first wake-up would claim and fire regardless of the timer.
        var options = Options("scheduler-armed");
        options.UseListenNotify = false;
        await using var scheduler = new SchedulerRun(Database.ConnectionString, options, time: clock);

        await Eventually.TrueAsync(async () => await JobsOfAsync("armed") >= 1, "the occurrence the clock passed to fire, with no further advance");

        Assert.True(clock.Advanced);
        Assert.False(scheduler.Run.IsCompleted);
    }

    [Fact]
    public async Task An_occurrence_is_skipped_while_the_previous_job_still_waits()
    {
        var task = $"waiting_{Database.Flavor}";
        var skipped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobsTelemetry.Name && instrument.Name == "jobs.scheduler.occurrences")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? outcome = null, taskTag = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") { outcome = tag.Value as string; }
                if (tag.Key == "job.task") { taskTag = tag.Value as string; }
            }
            if (outcome == "already_scheduled" && taskTag == task)
            {
                Interlocked.Add(ref skipped, (int)value);
            }
        });
        listener.Start();
        await AddScheduleAsync(task, scheduleInfo: EverySecond);
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-wait", time: clock);
        await scheduler.ReadyAsync();

        await TickUntilAsync(clock, TimeSpan.FromSeconds(1), () => Task.FromResult(Volatile.Read(ref skipped) >= 2), "two occurrences skipped with ALREADY_SCHEDULED");

        Assert.Equal(1, await JobsOfAsync(task));
        Assert.False(scheduler.Run.IsCompleted);
    }

    [Fact]
    public async Task A_schedule_added_by_sql_is_claimed_at_once_through_notify()
    {
        await using var scheduler = StartScheduler("scheduler-notify");
        await scheduler.ReadyAsync();

        var schedule = await AddScheduleAsync("nightly", scheduleInfo: """{"rule": "0 2 * * *"}""");

        // The poll interval is ten minutes: only the NOTIFY can bring it this soon.
        await Eventually.TrueAsync(() => Task.FromResult(scheduler.Scheduler.ClaimedScheduleIds.Contains(schedule.Id)), "the new schedule to be claimed", TimeSpan.FromSeconds(20));
        Assert.Equal("scheduler-notify", await LockedByAsync(schedule.Id));
    }

    [Fact]
    public async Task Stopping_releases_every_claim()
    {
        var a = await AddScheduleAsync("a", scheduleInfo: """{"rule": "0 2 * * *"}""");
        var b = await AddScheduleAsync("b", scheduleInfo: """{"hour": 3}""");
        var scheduler = StartScheduler("scheduler-stop");
        await scheduler.ReadyAsync();
        Assert.Equal("scheduler-stop", await LockedByAsync(a.Id));
        Assert.Equal("scheduler-stop", await LockedByAsync(b.Id));

        await scheduler.DisposeAsync();

        Assert.Null(await LockedByAsync(a.Id));
        Assert.Null(await LockedByAsync(b.Id));
        Assert.Null((await DataSource.FindScheduledJobAsync(a.Id))?.LockedAt);
    }

    [Fact]
    public async Task A_dead_schedulers_claims_are_taken_over_after_the_claim_expiry_and_live_ones_are_not()
    {
        var dead = await AddScheduleAsync("dead_task", scheduleInfo: """{"rule": "0 2 * * *"}""");
        var live = await AddScheduleAsync("live_task", scheduleInfo: """{"rule": "0 2 * * *"}""");
        Assert.Equal(dead.Id, (await DataSource.GetScheduledJobAsync("dead-scheduler"))?.Id);
        Assert.Equal(live.Id, (await DataSource.GetScheduledJobAsync("live-scheduler"))?.Id);
        await DataSource.ExecuteAsync("UPDATE app_jobs.scheduled_jobs SET locked_at = now() - interval '10 minutes' WHERE id = $1", dead.Id);

        await using var scheduler = StartScheduler("scheduler-heir");
        await scheduler.ReadyAsync();

        Assert.Equal("scheduler-heir", await LockedByAsync(dead.Id));
        Assert.Equal("live-scheduler", await LockedByAsync(live.Id));
        Assert.Equal([dead.Id], scheduler.Scheduler.ClaimedScheduleIds);
    }

    [Fact]
    public async Task A_running_scheduler_renews_its_claims_so_nobody_takes_them_over()
    {
        var schedule = await AddScheduleAsync("renewed", scheduleInfo: """{"rule": "0 2 * * *"}""");
        var clock = FakeClock();
        await using var first = StartScheduler("scheduler-first", TimeSpan.FromMinutes(1), time: clock);
        await first.ReadyAsync();
        // As if a claim expiry had passed without renewal: taken over by the next claim pass, unless renewed.
        await DataSource.ExecuteAsync("UPDATE app_jobs.scheduled_jobs SET locked_at = now() - interval '10 minutes' WHERE id = $1", schedule.Id);

        // Renewed every quarter of the claim expiry, 15 s on the scheduler's clock.
        await TickUntilAsync(clock, TimeSpan.FromSeconds(5),
            () => ScalarAsync<bool>("SELECT locked_at > now() - interval '1 minute' FROM app_jobs.scheduled_jobs WHERE id = $1", schedule.Id),
            "the claim to be renewed");
        await using var second = StartScheduler("scheduler-second", TimeSpan.FromMinutes(1));
        await second.ReadyAsync();

        Assert.Equal("scheduler-first", await LockedByAsync(schedule.Id));
        Assert.Empty(second.Scheduler.ClaimedScheduleIds);
    }

    [Fact]
    public async Task A_registration_from_code_is_upserted_once_and_not_churned_on_restart()
    {
        var registry = new JobsScheduleRegistry().Add(new RecurringJob("report", "0 2 * * *", "Europe/Berlin") { Queue = "reports", Priority = 3, MaxAttempts = 4 }
            .WithPayload("""{"format": "pdf"}"""u8));
        await using var first = StartScheduler("scheduler-reg-1", TimeSpan.FromSeconds(2), registry);
        await first.ReadyAsync();

        var stored = Assert.Single(await DataSource.AllScheduledJobsAsync());
        Assert.Equal("recurring:report", stored.Key);
        Assert.Equal("report", stored.TaskIdentifier);
        AssertJson("""{"format": "pdf"}""", stored.Payload);
        AssertJson("""{"rule": "0 2 * * *", "tz": "Europe/Berlin"}""", stored.ScheduleInfo);
        Assert.Equal("reports", stored.QueueName);
        Assert.Equal(3, stored.Priority);
        Assert.Equal(4, stored.MaxAttempts);
        Assert.Equal(DatabaseId, stored.DatabaseId);
        Assert.Equal("scheduler-reg-1", stored.LockedBy);

        // A second instance with the same registration, while the first holds the row: nothing changes.
        await using (var second = StartScheduler("scheduler-reg-2", TimeSpan.FromSeconds(2), registry))
        {
            await second.ReadyAsync();
            var again = Assert.Single(await DataSource.AllScheduledJobsAsync());
            Assert.Equal(stored.Id, again.Id);
            Assert.Equal("scheduler-reg-1", again.LockedBy);
            Assert.True(stored.LockedAt <= again.LockedAt);
        }

        // A restart after a clean stop: still the same row.
        await first.StopAsync();
        await using (var third = StartScheduler("scheduler-reg-3", TimeSpan.FromSeconds(2), registry))
        {
            await third.ReadyAsync();
            var again = Assert.Single(await DataSource.AllScheduledJobsAsync());
            Assert.Equal(stored.Id, again.Id);
            Assert.Equal("recurring:report", again.Key);
            Assert.Equal("scheduler-reg-3", again.LockedBy);
        }
    }

    [Fact]
    public async Task A_changed_registration_rewrites_the_row_in_place_and_its_former_holder_lets_go()
    {
        var original = new JobsScheduleRegistry().Add(new RecurringJob("cleanup", "0 2 * * *"));
        var clock = FakeClock();
        await using var holder = StartScheduler("scheduler-old", TimeSpan.FromSeconds(2), original, clock);
        await holder.ReadyAsync();
        var stored = Assert.Single(await DataSource.AllScheduledJobsAsync());

        var changed = new JobsScheduleRegistry().Add(new RecurringJob("cleanup", "0 4 * * *"));
        await using var updater = StartScheduler("scheduler-new", TimeSpan.FromSeconds(2), changed);
        await updater.ReadyAsync();

        var rewritten = Assert.Single(await DataSource.AllScheduledJobsAsync());
        Assert.Equal(stored.Id, rewritten.Id);
        Assert.Equal("recurring:cleanup", rewritten.Key);
        AssertJson("""{"rule": "0 4 * * *"}""", rewritten.ScheduleInfo);
        Assert.Equal("scheduler-new", rewritten.LockedBy);
        // At its heartbeat (every 0.5 s on its clock) the holder finds the row no longer its own.
        await TickUntilAsync(clock, TimeSpan.FromSeconds(0.25), () => Task.FromResult(holder.Scheduler.ClaimedScheduleIds.Count == 0), "the former holder to forget the schedule");
    }

    [Fact]
    public async Task A_schedule_replaced_by_add_scheduled_job_while_claimed_is_forgotten_and_the_new_row_claimed()
    {
        var original = await AddScheduleAsync("replaced", scheduleInfo: """{"rule": "0 2 * * *"}""", jobKey: "replaced-key");
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-replace", TimeSpan.FromSeconds(2), time: clock);
        await scheduler.ReadyAsync();
        Assert.Equal([original.Id], scheduler.Scheduler.ClaimedScheduleIds);

        // The schema deletes a claimed keyed row and inserts a new one (new id).
        var replacement = await AddScheduleAsync("replaced", scheduleInfo: """{"rule": "0 3 * * *"}""", jobKey: "replaced-key");
        Assert.NotEqual(original.Id, replacement.Id);

        // The NOTIFY brings the new row; the heartbeat (every 0.5 s on its clock) finds the old one gone.
        await TickUntilAsync(clock, TimeSpan.FromSeconds(0.25),
            () => Task.FromResult(scheduler.Scheduler.ClaimedScheduleIds.SequenceEqual([replacement.Id])),
            "the old id forgotten and the new one claimed");
    }

    [Fact]
    public async Task A_node_schedule_recurrence_object_written_by_sql_is_honoured()
    {
        // Every second, as a node-schedule Range over the seconds.
        var schedule = await AddScheduleAsync("node_style", scheduleInfo: """{"second": {"start": 0, "end": 59}}""");
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-node", time: clock);
        await scheduler.ReadyAsync();

        await TickUntilAsync(clock, TimeSpan.FromSeconds(1), async () => await JobsOfAsync("node_style") == 1, "the recurrence object to fire");
        Assert.NotNull((await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduled);
    }

    [Fact]
    public async Task An_invalid_schedule_is_held_but_never_fired_and_does_not_stop_the_others()
    {
        var invalid = await AddScheduleAsync("invalid", scheduleInfo: """{"month": 12}""");
        await AddScheduleAsync("valid", scheduleInfo: EverySecond);
        var clock = FakeClock();
        await using var scheduler = StartScheduler("scheduler-invalid", time: clock);
        await scheduler.ReadyAsync();

        await TickUntilAsync(clock, TimeSpan.FromSeconds(1), async () => await JobsOfAsync("valid") == 1, "the valid schedule to fire");
        Assert.Equal(0, await JobsOfAsync("invalid"));
        Assert.Equal("scheduler-invalid", await LockedByAsync(invalid.Id));
        Assert.False(scheduler.Run.IsCompleted);
    }

    [Fact]
    public async Task A_missed_occurrence_fires_once_on_start_and_a_never_run_schedule_waits()
    {
        var missed = await AddScheduleAsync("yearly_missed", scheduleInfo: """{"rule": "0 0 1 1 *"}""");
        await AddScheduleAsync("yearly_new", scheduleInfo: """{"rule": "0 0 1 1 *"}""");
        // Last run three years ago: three occurrences missed, one job.
        await DataSource.ExecuteAsync("UPDATE app_jobs.scheduled_jobs SET last_scheduled = now() - interval '3 years' WHERE id = $1", missed.Id);

        await using var scheduler = StartScheduler("scheduler-missed");
        await scheduler.ReadyAsync();

        await Eventually.TrueAsync(async () => await JobsOfAsync("yearly_missed") == 1, "the missed occurrence to fire once", TimeSpan.FromSeconds(20));
        Assert.Equal(0, await JobsOfAsync("yearly_new"));
        var stored = await DataSource.FindScheduledJobAsync(missed.Id);
        Assert.True(stored!.LastScheduled > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task The_task_filter_limits_which_schedules_are_claimed()
    {
        var mine = await AddScheduleAsync("mine", scheduleInfo: """{"rule": "0 2 * * *"}""");
        var other = await AddScheduleAsync("other", scheduleInfo: """{"rule": "0 2 * * *"}""");
        var options = Options("scheduler-filter");
        options.TaskIdentifiers = ["mine"];
        await using var scheduler = new SchedulerRun(Database.ConnectionString, options);
        await scheduler.ReadyAsync();

        Assert.Equal([mine.Id], scheduler.Scheduler.ClaimedScheduleIds);
        Assert.Null(await LockedByAsync(other.Id));
    }
}

public sealed class SchedulerTestsOnInstaller(InstallerDatabase database) : SchedulerTests(database), IClassFixture<InstallerDatabase>;

public sealed class SchedulerTestsOnPgpm(PgpmDatabase database) : SchedulerTests(database), IClassFixture<PgpmDatabase>;

public sealed class SchedulerTestsOnUpstream047(Upstream047Database database) : SchedulerTests(database), IClassFixture<Upstream047Database>;
