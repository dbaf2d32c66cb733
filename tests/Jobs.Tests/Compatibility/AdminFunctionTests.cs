using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Compatibility;

public abstract class AdminFunctionTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Complete_jobs_deletes_unlocked_jobs_and_refuses_locked_ones()
    {
        var locked = await DataSource.AddJobAsync("work", priority: -1);
        var unlocked = await DataSource.AddJobAsync("work");
        var other = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");

        var deleted = await DataSource.CompleteJobsAsync(locked.Id, unlocked.Id);

        Assert.Equal(unlocked.Id, Assert.Single(deleted).Id);
        Assert.Equal([locked.Id, other.Id], (await DataSource.AllJobsAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task Complete_jobs_deletes_a_job_whose_lock_is_older_than_four_hours()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromHours(5));

        Assert.Single(await DataSource.CompleteJobsAsync(job.Id));
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Permanently_fail_jobs_uses_the_default_message_and_exhausts_the_attempts()
    {
        var job = await DataSource.AddJobAsync("work", maxAttempts: 7);
        var untouched = await DataSource.AddJobAsync("work");

        var failed = Assert.Single(await DataSource.PermanentlyFailJobsAsync([job.Id]));

        Assert.Equal(job.Id, failed.Id);
        Assert.Equal("Manually marked as failed", failed.LastError);
        Assert.Equal(7, failed.Attempts);
        Assert.Equal(untouched.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        Assert.Null(await DataSource.GetJobAsync("worker-1"));
    }

    [Fact]
    public async Task Permanently_fail_jobs_stores_a_custom_message()
    {
        var job = await DataSource.AddJobAsync("work");

        await DataSource.PermanentlyFailJobsAsync([job.Id], "cancelled by operator");

        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.Equal("cancelled by operator", stored?.LastError);
        Assert.Equal(25, stored?.Attempts);
    }

    [Fact]
    public async Task Permanently_fail_jobs_refuses_locked_jobs()
    {
        var job = await DataSource.AddJobAsync("work");
        var locked = await DataSource.GetJobAsync("worker-1");

        Assert.Empty(await DataSource.PermanentlyFailJobsAsync([job.Id], "nope"));
        Assert.Equal(locked, await DataSource.FindJobAsync(job.Id));
    }

    [Fact]
    public async Task Reschedule_jobs_changes_only_the_values_given()
    {
        var job = await DataSource.AddJobAsync("work", maxAttempts: 5, priority: 2);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 3 WHERE id = $1", job.Id);
        var runAt = (await DataSource.NowAsync()).AddDays(1);

        var moved = Assert.Single(await DataSource.RescheduleJobsAsync([job.Id], runAt: runAt));
        Assert.Equal(runAt, moved.RunAt);
        Assert.Equal(2, moved.Priority);
        Assert.Equal(3, moved.Attempts);
        Assert.Equal(5, moved.MaxAttempts);

        var changed = Assert.Single(await DataSource.RescheduleJobsAsync([job.Id], priority: -3, attempts: 0, maxAttempts: 10));
        Assert.Equal(runAt, changed.RunAt);
        Assert.Equal(-3, changed.Priority);
        Assert.Equal(0, changed.Attempts);
        Assert.Equal(10, changed.MaxAttempts);
        Assert.Equal(changed with { UpdatedAt = null }, (await DataSource.FindJobAsync(job.Id))! with { UpdatedAt = null });
    }

    [Fact]
    public async Task Reschedule_jobs_makes_a_future_job_due()
    {
        var now = await DataSource.NowAsync();
        var job = await DataSource.AddJobAsync("work", runAt: now.AddHours(1));
        Assert.Null(await DataSource.GetJobAsync("worker-1"));

        await DataSource.RescheduleJobsAsync([job.Id], runAt: now.AddSeconds(-1));

        Assert.Equal(job.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
    }

    [Fact]
    public async Task Reschedule_jobs_refuses_locked_jobs()
    {
        var job = await DataSource.AddJobAsync("work");
        var locked = await DataSource.GetJobAsync("worker-1");

        Assert.Empty(await DataSource.RescheduleJobsAsync([job.Id], priority: 9, attempts: 0));
        Assert.Equal(locked, await DataSource.FindJobAsync(job.Id));
    }

    [Fact]
    public async Task Release_jobs_unlocks_the_workers_jobs_and_queues_and_gives_the_attempt_back()
    {
        var queued = await DataSource.AddJobAsync("work", queueName: "q", priority: -2);
        var free = await DataSource.AddJobAsync("work", priority: -1);
        var others = await DataSource.AddJobAsync("work", queueName: "q2");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.GetJobAsync("worker-1");
        var othersLocked = await DataSource.GetJobAsync("worker-2");
        Assert.Equal(others.Id, othersLocked?.Id);

        await DataSource.ReleaseJobsAsync("worker-1");

        foreach (var id in new[] { queued.Id, free.Id })
        {
            var job = await DataSource.FindJobAsync(id);
            Assert.Null(job?.LockedBy);
            Assert.Null(job?.LockedAt);
            Assert.Equal(0, job?.Attempts);
        }
        Assert.Equal(new QueueRow("q", 1, null, null), await DataSource.FindQueueAsync("q"));
        Assert.Equal(othersLocked, await DataSource.FindJobAsync(others.Id));
        Assert.Equal("worker-2", (await DataSource.FindQueueAsync("q2"))?.LockedBy);
        Assert.Equal(queued.Id, (await DataSource.GetJobAsync("worker-3"))?.Id);
    }

    [Fact]
    public async Task Release_jobs_does_not_take_attempts_below_zero()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 0 WHERE id = $1", job.Id);

        await DataSource.ReleaseJobsAsync("worker-1");

        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.Equal(0, stored?.Attempts);
        Assert.Null(stored?.LockedBy);
    }
}

public sealed class AdminFunctionTestsOnInstaller(InstallerDatabase database) : AdminFunctionTests(database), IClassFixture<InstallerDatabase>;

public sealed class AdminFunctionTestsOnPgpm(PgpmDatabase database) : AdminFunctionTests(database), IClassFixture<PgpmDatabase>;
