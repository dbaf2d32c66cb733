using Jobs.Tests.Compatibility;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;

namespace Jobs.Tests.Scheduling;

/// <summary>The schedule side of <see cref="JobsAdmin"/>, on every schema shape: list, run now, pause, resume, delete.</summary>
public abstract class ScheduleAdminTests(SchemaDatabase database) : RuntimeTest(database)
{
    private Task<ScheduledJobRow> AddScheduleAsync(string identifier, string scheduleInfo, string? jobKey = null) =>
        DataSource.AddScheduledJobAsync(identifier, scheduleInfo: scheduleInfo, jobKey: jobKey,
            actorId: Database.Flavor == SchemaFlavor.Upstream047 ? SchedulerRun.SchedulerActor : null);

    [Fact]
    public async Task List_shows_next_runs_holders_pauses_and_invalid_schedules_without_failing()
    {
        var nightly = await AddScheduleAsync("nightly", """{"rule": "0 2 * * *"}""", "nightly-key");
        var invalid = await AddScheduleAsync("broken", """{"month": 12}""");
        var paused = await AddScheduleAsync("paused", """{"hour": [3], "minute": [0]}""");
        Assert.Equal(nightly.Id, (await DataSource.GetScheduledJobAsync("scheduler-x"))?.Id);
        await Admin.PauseScheduleAsync(ScheduleSelector.ById(paused.Id));

        var list = await Admin.ListSchedulesAsync();

        Assert.Equal([nightly.Id, invalid.Id, paused.Id], list.Select(s => s.Id));
        var first = list[0];
        Assert.Equal("nightly-key", first.Key);
        Assert.Equal("scheduler-x", first.LockedBy);
        Assert.NotNull(first.LockedAt);
        Assert.False(first.IsPaused);
        Assert.NotNull(first.Description);
        var next = Assert.NotNull(first.NextOccurrence);
        Assert.True(next > DateTimeOffset.UtcNow && next <= DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal((0, 2), (next.UtcDateTime.Minute, next.UtcDateTime.Hour));
        Assert.Equal("'month' value 12 is out of range 0..11 (0 = January).", list[1].ScheduleError);
        Assert.Null(list[1].NextOccurrence);
        Assert.True(list[2].IsPaused);
        Assert.Equal(JobsAdmin.PausedScheduleHolder, list[2].LockedBy);
        Assert.Null(list[2].LockedAt);
        Assert.Null(list[2].NextOccurrence);
        Assert.Empty(await Admin.ForDatabase(Guid.NewGuid()).ListSchedulesAsync());
    }

    [Fact]
    public async Task Run_now_creates_a_job_then_reports_already_scheduled_while_it_waits()
    {
        var schedule = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "report-key");

        var run = await Admin.RunScheduleNowAsync(ScheduleSelector.ByKey("report-key"));

        Assert.Equal(ScheduleRunOutcome.Fired, run.Outcome);
        Assert.Equal("report", run.Job!.TaskIdentifier);
        Assert.Equal(run.Job.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
        Assert.Equal(ScheduleRunOutcome.AlreadyScheduled, (await Admin.RunScheduleNowAsync(ScheduleSelector.ById(schedule.Id))).Outcome);
        Assert.Equal(ScheduleRunOutcome.NotFound, (await Admin.RunScheduleNowAsync(ScheduleSelector.ById(schedule.Id + 100))).Outcome);
        Assert.Equal(ScheduleRunOutcome.NotFound, (await Admin.ForDatabase(Guid.NewGuid()).RunScheduleNowAsync(ScheduleSelector.ById(schedule.Id))).Outcome);
    }

    [Fact]
    public async Task Pause_resume_and_delete_report_what_they_did()
    {
        var schedule = await AddScheduleAsync("cleanup", """{"rule": "0 2 * * *"}""", "cleanup-key");
        await DataSource.GetScheduledJobAsync("scheduler-y");
        var byKey = ScheduleSelector.ByKey("cleanup-key");

        var paused = await Admin.PauseScheduleAsync(byKey);
        Assert.Equal((ScheduleChangeOutcome.Changed, schedule.Id, "scheduler-y"), (paused.Outcome, paused.Id!.Value, paused.PreviousHolder));
        Assert.Equal(ScheduleChangeOutcome.Unchanged, (await Admin.PauseScheduleAsync(byKey)).Outcome);
        // get_scheduled_job never claims a paused schedule.
        Assert.Null(await DataSource.GetScheduledJobAsync("scheduler-z"));

        Assert.Equal(ScheduleChangeOutcome.Changed, (await Admin.ResumeScheduleAsync(byKey)).Outcome);
        Assert.Equal(ScheduleChangeOutcome.Unchanged, (await Admin.ResumeScheduleAsync(byKey)).Outcome);
        Assert.Null((await DataSource.FindScheduledJobAsync(schedule.Id))?.LockedAt);
        Assert.Equal(schedule.Id, (await DataSource.GetScheduledJobAsync("scheduler-z"))?.Id);

        Assert.Equal(ScheduleChangeOutcome.NotFound, (await Admin.ForDatabase(Guid.NewGuid()).DeleteScheduleAsync(byKey)).Outcome);
        Assert.Equal(ScheduleChangeOutcome.Changed, (await Admin.DeleteScheduleAsync(byKey)).Outcome);
        Assert.Empty(await DataSource.AllScheduledJobsAsync());
        Assert.Equal(ScheduleChangeOutcome.NotFound, (await Admin.DeleteScheduleAsync(byKey)).Outcome);
        Assert.Equal(ScheduleChangeOutcome.NotFound, (await Admin.PauseScheduleAsync(ScheduleSelector.ById(schedule.Id))).Outcome);
    }

    [Theory]
    [InlineData("17", 17L, null)]
    [InlineData("nightly", null, "nightly")]
    [InlineData("recurring:report", null, "recurring:report")]
    public void A_selector_is_an_id_when_all_digits_and_a_key_otherwise(string text, long? id, string? key)
    {
        var selector = ScheduleSelector.Parse(text);
        Assert.Equal((id, key), (selector.Id, selector.Key));
    }

    [Fact]
    public void No_scheduler_may_take_the_paused_holder_as_its_id()
    {
        // Its release at stop (release_scheduled_jobs by worker id) would resume every paused schedule.
        var exception = Assert.Throws<ArgumentException>(() => new JobsScheduler(DataSource, new JobsSchedulerOptions { WorkerId = JobsAdmin.PausedScheduleHolder }));
        Assert.Contains("reserved", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    public void A_selector_refuses_what_is_neither(string text)
    {
        Assert.Throws<ArgumentException>(() => ScheduleSelector.Parse(text));
    }
}

public sealed class ScheduleAdminTestsOnInstaller(InstallerDatabase database) : ScheduleAdminTests(database), IClassFixture<InstallerDatabase>;

public sealed class ScheduleAdminTestsOnPgpm(PgpmDatabase database) : ScheduleAdminTests(database), IClassFixture<PgpmDatabase>;

public sealed class ScheduleAdminTestsOnUpstream047(Upstream047Database database) : ScheduleAdminTests(database), IClassFixture<Upstream047Database>;
