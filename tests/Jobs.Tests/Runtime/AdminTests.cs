using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

public abstract class AdminTests(SchemaDatabase database) : RuntimeTest(database)
{
    private async Task<(JobRow Ready, JobRow Scheduled, JobRow Running, JobRow Failing, JobRow Dead)> OneOfEachStateAsync()
    {
        var ready = await Client.EnqueueAsync("a", default, new EnqueueOptions { Queue = "q1" });
        var scheduled = await Client.EnqueueAsync("b", default, new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        var running = await Client.EnqueueAsync("c", default, new EnqueueOptions { Priority = -10 });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'admin-test-worker', task_identifiers => ARRAY['c'])");
        var failing = await Client.EnqueueAsync("d", default);
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'admin-test-worker', task_identifiers => ARRAY['d'])");
        await ExecuteAsync("SELECT app_jobs.fail_job(worker_id => 'admin-test-worker', job_id => $1, error_message => 'boom')", failing.Id);
        var dead = await Client.EnqueueAsync("e", default);
        await Admin.PermanentlyFailAsync([dead.Id], "given up");
        return (ready, scheduled, running, failing, dead);
    }

    [Fact]
    public async Task List_filters_by_state_task_and_queue()
    {
        var jobs = await OneOfEachStateAsync();

        Assert.Equal([jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Ready })).Select(j => j.Id));
        Assert.Equal([jobs.Scheduled.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Scheduled })).Select(j => j.Id));
        Assert.Equal([jobs.Running.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Running })).Select(j => j.Id));
        Assert.Equal([jobs.Failing.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Failing })).Select(j => j.Id));
        Assert.Equal([jobs.Dead.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.PermanentlyFailed })).Select(j => j.Id));
        Assert.Equal([jobs.Scheduled.Id], (await Admin.ListAsync(new JobListFilter { TaskIdentifier = "b" })).Select(j => j.Id));
        Assert.Equal([jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { Queue = "q1" })).Select(j => j.Id));
        var page = await Admin.ListAsync(new JobListFilter { Limit = 2 });
        Assert.Equal([jobs.Dead.Id, jobs.Failing.Id], page.Select(j => j.Id));
        Assert.Equal([jobs.Running.Id, jobs.Scheduled.Id, jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { BeforeId = jobs.Failing.Id })).Select(j => j.Id));
    }

    [Fact]
    public async Task Each_row_state_matches_the_list_filter_state()
    {
        var jobs = await OneOfEachStateAsync();
        Assert.Equal(JobState.Ready, (await Admin.GetAsync(jobs.Ready.Id))!.State);
        Assert.Equal(JobState.Scheduled, (await Admin.GetAsync(jobs.Scheduled.Id))!.State);
        Assert.Equal(JobState.Running, (await Admin.GetAsync(jobs.Running.Id))!.State);
        Assert.Equal(JobState.Failing, (await Admin.GetAsync(jobs.Failing.Id))!.State);
        Assert.Equal(JobState.PermanentlyFailed, (await Admin.GetAsync(jobs.Dead.Id))!.State);
    }

    [Fact]
    public async Task Statistics_count_every_state()
    {
        await OneOfEachStateAsync();
        var statistics = await Admin.GetStatisticsAsync();
        Assert.Equal((1L, 1L, 1L, 1L, 1L), (statistics.Ready, statistics.Scheduled, statistics.Running, statistics.Failing, statistics.PermanentlyFailed));
        Assert.NotNull(statistics.OldestReadyAge);
    }

    [Fact]
    public async Task Retry_now_makes_a_dead_job_due_with_fresh_attempts_but_leaves_running_jobs()
    {
        var jobs = await OneOfEachStateAsync();
        var retried = await Admin.RetryNowAsync([jobs.Dead.Id, jobs.Running.Id]);

        Assert.Equal([jobs.Dead.Id], retried.Select(j => j.Id));
        var job = (await Admin.GetAsync(jobs.Dead.Id))!;
        Assert.Equal(0, job.Attempts);
        Assert.True(job.RunAt <= DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(1, (await Admin.GetAsync(jobs.Running.Id))!.Attempts);
    }

    [Fact]
    public async Task Reschedule_changes_only_given_fields_and_delete_refuses_running_jobs()
    {
        var jobs = await OneOfEachStateAsync();
        var runAt = DateTimeOffset.UtcNow.AddDays(2);
        await Admin.RescheduleAsync([jobs.Ready.Id], runAt: runAt, priority: 9);
        var job = (await Admin.GetAsync(jobs.Ready.Id))!;
        Assert.Equal((9, 25, runAt.ToUnixTimeMilliseconds()), (job.Priority, job.MaxAttempts, job.RunAt.ToUnixTimeMilliseconds()));

        var deleted = await Admin.DeleteAsync([jobs.Ready.Id, jobs.Running.Id]);
        Assert.Equal([jobs.Ready.Id], deleted.Select(j => j.Id));
        Assert.NotNull(await Admin.GetAsync(jobs.Running.Id));
    }

    [Fact]
    public async Task Unlocking_a_dead_worker_frees_its_jobs_and_queues_at_once()
    {
        var job = await Client.EnqueueAsync("x", default, new EnqueueOptions { Queue = "stuck" });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'dead-worker')");

        Assert.Equal(1, await Admin.UnlockWorkersAsync(["dead-worker"]));

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.Null(stored.LockedBy);
        Assert.Equal(1, stored.Attempts);
        var queue = Assert.Single(await Admin.GetQueuesAsync());
        Assert.Equal(("stuck", 1, (string?)null), (queue.Name, queue.JobCount, queue.LockedBy));
    }
}

public sealed class AdminTestsOnInstaller(InstallerDatabase database) : AdminTests(database), IClassFixture<InstallerDatabase>;

public sealed class AdminTestsOnPgpm(PgpmDatabase database) : AdminTests(database), IClassFixture<PgpmDatabase>;
