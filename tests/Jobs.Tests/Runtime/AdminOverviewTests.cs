using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The admin's operator views on every schema flavour: counts per task and queue, who holds what,
/// lookup by key, and unlocking only the locks a dead worker left behind.
/// </summary>
public abstract class AdminOverviewTests(SchemaDatabase database) : RuntimeTest(database)
{
    private static readonly Guid OtherDatabaseId = Guid.Parse("5c2e8a41-9b3d-4f7e-a1c6-2d8e4f6a0b13");

    private Task TakeAsync(string worker, string task) =>
        ExecuteAsync("SELECT app_jobs.get_job(worker_id => $1, task_identifiers => ARRAY[$2])", worker, task);

    [Fact]
    public async Task The_breakdown_counts_each_state_per_task_and_per_queue()
    {
        await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        await Client.EnqueueAsync("mail", default, new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        await Client.EnqueueAsync("resize", default);
        await TakeAsync("worker-running", "resize");
        var failing = await Client.EnqueueAsync("report", default);
        await TakeAsync("worker-failing", "report");
        await ExecuteAsync("SELECT app_jobs.fail_job(worker_id => 'worker-failing', job_id => $1, error_message => 'boom')", failing.Id);
        var dead = await Client.EnqueueAsync("report", default);
        await Admin.PermanentlyFailAsync([dead.Id]);

        var breakdown = await Admin.GetBreakdownAsync();

        Assert.Equal(
            [new JobCounts("mail", 2, 1, 0, 0, 0), new JobCounts("report", 0, 0, 0, 1, 1), new JobCounts("resize", 0, 0, 1, 0, 0)],
            breakdown.ByTask);
        Assert.Equal([new JobCounts("outbox", 2, 0, 0, 0, 0), new JobCounts(null, 0, 1, 1, 1, 1)], breakdown.ByQueue);
        Assert.Equal(6, breakdown.ByTask.Sum(c => c.Total));
        Assert.Empty((await Admin.ForDatabase(OtherDatabaseId).GetBreakdownAsync()).ByTask);
    }

    [Fact]
    public async Task Workers_show_the_jobs_and_queues_they_hold_and_since_when()
    {
        var queued = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        var parallel = await Client.EnqueueAsync("mail", default);
        await Client.EnqueueAsync("idle", default);
        await TakeAsync("worker-a", "mail");
        await TakeAsync("worker-a", "mail");

        var worker = Assert.Single(await Admin.GetWorkersAsync());

        Assert.Equal("worker-a", worker.WorkerId);
        Assert.Equal([queued.Id, parallel.Id], worker.JobIds);
        Assert.Equal(["outbox"], worker.Queues);
        Assert.NotNull(worker.OldestJobLock);
        Assert.True(worker.NewestJobLock >= worker.OldestJobLock);
        Assert.NotNull(worker.OldestQueueLock);
        Assert.Empty(await Admin.ForDatabase(OtherDatabaseId).GetWorkersAsync());
    }

    [Fact]
    public async Task Jobs_matching_a_filter_are_counted_as_the_list_filters_them_within_the_admins_database()
    {
        var jobs = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            jobs.Add((await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = i < 2 ? "outbox" : null })).Id);
        }
        await Client.EnqueueAsync("resize", default);
        await TakeAsync("worker-a", "resize");

        Assert.Equal(5L, await Admin.CountAsync());
        Assert.Equal(4L, await Admin.CountAsync(new JobListFilter { TaskIdentifier = "mail", Limit = 1 }));
        Assert.Equal(2L, await Admin.CountAsync(new JobListFilter { TaskIdentifier = "mail", Queue = "outbox" }));
        Assert.Equal(1L, await Admin.CountAsync(new JobListFilter { State = JobState.Running }));
        Assert.Equal(2L, await Admin.CountAsync(new JobListFilter { TaskIdentifier = "mail", BeforeId = jobs[2] }));
        Assert.Equal(0L, await Admin.ForDatabase(OtherDatabaseId).CountAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.CountAsync(new JobListFilter { TaskIdentifier = "bad\0task" }));
    }

    [Fact]
    public async Task A_job_is_found_by_its_key_within_the_admins_database_only()
    {
        var keyed = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Key = "mail:42" });

        Assert.Equal(keyed.Id, (await Admin.GetByKeyAsync("mail:42"))?.Id);
        Assert.Null(await Admin.GetByKeyAsync("mail:43"));
        Assert.Null(await Admin.ForDatabase(OtherDatabaseId).GetByKeyAsync("mail:42"));
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.GetByKeyAsync(""));
    }

    [Fact]
    public async Task Only_locks_older_than_the_threshold_are_freed_with_their_queue_and_the_attempt_is_kept()
    {
        var stale = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        var live = await Client.EnqueueAsync("resize", default);
        await TakeAsync("dead-worker", "mail");
        await TakeAsync("live-worker", "resize");
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_at = now() - interval '2 hours' WHERE id = $1", stale.Id);

        var unlocked = await Admin.UnlockStaleAsync([stale.Id, live.Id], TimeSpan.FromHours(1));

        var job = Assert.Single(unlocked);
        Assert.Equal((stale.Id, (string?)null, 1), (job.Id, job.LockedBy, job.Attempts));
        Assert.Equal(JobState.Running, (await Admin.GetAsync(live.Id))!.State);
        Assert.Null(Assert.Single(await Admin.GetQueuesAsync()).LockedBy);
        Assert.Empty(await Admin.UnlockStaleAsync([live.Id], TimeSpan.FromHours(1)));
        Assert.Empty(await Admin.ForDatabase(OtherDatabaseId).UnlockStaleAsync([live.Id], TimeSpan.FromTicks(1)));
    }
}

public sealed class AdminOverviewTestsOnInstaller(InstallerDatabase database) : AdminOverviewTests(database), IClassFixture<InstallerDatabase>;

public sealed class AdminOverviewTestsOnPgpm(PgpmDatabase database) : AdminOverviewTests(database), IClassFixture<PgpmDatabase>;

public sealed class AdminOverviewTestsOnUpstream047(Upstream047Database database) : AdminOverviewTests(database), IClassFixture<Upstream047Database>;
