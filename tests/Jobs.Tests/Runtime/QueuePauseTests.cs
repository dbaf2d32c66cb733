using Jobs.Testing;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// A paused named queue, on every schema shape: no worker starts its jobs (ours with either fetch
/// strategy, and the schema's own get_job, as another service's worker would call it), every other
/// job still runs, and resuming wakes idle workers at once.
/// </summary>
public abstract class QueuePauseTests(SchemaDatabase database) : RuntimeTest(database)
{
    public static TheoryData<FetchStrategy> Strategies => new() { FetchStrategy.Batched, FetchStrategy.SchemaFunctions };

    /// <summary>The id of the job the schema's own get_job hands <paramref name="worker"/>; null when it hands none.</summary>
    private async Task<long?> GetJobAsync(string worker)
    {
        var id = await ScalarAsync<long>("SELECT coalesce((app_jobs.get_job(worker_id => $1, task_identifiers => NULL)).id, -1)", worker);
        return id < 0 ? null : id;
    }

    [Fact]
    public async Task The_schemas_own_get_job_skips_a_paused_queue_until_it_is_resumed()
    {
        var paused = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox", Priority = -10 });
        var other = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "other" });
        var unqueued = await Client.EnqueueAsync("mail", default);

        var change = await Admin.PauseQueueAsync("outbox");

        Assert.Equal(new QueueChange(QueueChangeOutcome.Changed, "outbox", null), change);
        Assert.Equal(other.Id, await GetJobAsync("worker-a"));
        Assert.Equal(unqueued.Id, await GetJobAsync("worker-b"));
        Assert.Null(await GetJobAsync("worker-c"));

        Assert.Equal(new QueueChange(QueueChangeOutcome.Changed, "outbox", JobsAdmin.PausedQueueHolder), await Admin.ResumeQueueAsync("outbox"));
        Assert.Equal(paused.Id, await GetJobAsync("worker-c"));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_worker_runs_everything_but_a_paused_queue_and_starts_it_as_soon_as_it_is_resumed(FetchStrategy strategy)
    {
        await Admin.PauseQueueAsync("outbox");
        var paused = await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest("outbox-mail", default, new EnqueueOptions { Queue = "outbox" })));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 5).Select(i => new JobRequest("mail", default, i % 2 == 0 ? new EnqueueOptions { Queue = "other" } : null)));
        var dispatcher = new TestDispatcher()
            .Handle("mail", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow))
            .Handle("outbox-mail", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));

        // A minute between polls: only the resume's NOTIFY can wake the worker in time.
        await using var worker = new WorkerRun(Database.ConnectionString, dispatcher,
            new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 4, PollInterval = TimeSpan.FromSeconds(60) });
        await Eventually.TrueAsync(async () => await JobCountAsync() == 3, "every job outside the paused queue to run");
        await worker.ReadyAsync();
        Assert.Equal(paused.Select(j => j.Id).Order(), (await Admin.ListAsync()).Select(j => j.Id).Order());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE job_id = ANY ($1)", paused.Select(j => j.Id).ToArray()));

        await Admin.ResumeQueueAsync("outbox");

        await WaitForNoJobsAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(8L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
        Assert.Equal(0L, await OverlappingRunsAsync("outbox-mail")); // still one at a time once resumed
    }

    [Fact]
    public async Task A_job_running_when_its_queue_is_paused_finishes_and_the_queue_stays_paused()
    {
        var running = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        var next = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        Assert.Equal(running.Id, await GetJobAsync("worker-a"));

        var change = await Admin.PauseQueueAsync("outbox");
        await ExecuteAsync("SELECT app_jobs.complete_job(worker_id => 'worker-a', job_id => $1)", running.Id);
        await ExecuteAsync("SELECT app_jobs.release_jobs(worker_id => 'worker-a')");

        Assert.Equal("worker-a", change.PreviousHolder);
        Assert.Null(await GetJobAsync("worker-b"));
        Assert.True(Assert.Single(await Admin.GetQueuesAsync()).IsPaused);
        Assert.Equal(QueueChangeOutcome.Changed, (await Admin.ResumeQueueAsync("outbox")).Outcome);
        Assert.Equal(next.Id, await GetJobAsync("worker-b"));
    }

    [Fact]
    public async Task A_queue_paused_before_its_jobs_come_keeps_them_waiting()
    {
        await Admin.PauseQueueAsync("later");
        var job = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "later" });

        Assert.Null(await GetJobAsync("worker-a"));
        var queue = Assert.Single(await Admin.GetQueuesAsync());
        Assert.Equal(("later", 1, true, DateTimeOffset.MaxValue), (queue.Name, queue.JobCount, queue.IsPaused, queue.LockedAt!.Value));
        await Admin.ResumeQueueAsync("later");
        Assert.Equal(job.Id, await GetJobAsync("worker-a"));
    }

    [Fact]
    public async Task Pausing_or_resuming_twice_changes_nothing_the_second_time_and_a_paused_queue_is_no_worker()
    {
        await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });

        await Admin.PauseQueueAsync("outbox");
        Assert.Equal(QueueChangeOutcome.Unchanged, (await Admin.PauseQueueAsync("outbox")).Outcome);
        Assert.Empty(await Admin.GetWorkersAsync());
        Assert.Equal(QueueChangeOutcome.Changed, (await Admin.ResumeQueueAsync("outbox")).Outcome);
        Assert.Equal(QueueChangeOutcome.Unchanged, (await Admin.ResumeQueueAsync("outbox")).Outcome);
        Assert.Equal(QueueChangeOutcome.NotFound, (await Admin.ResumeQueueAsync("nowhere")).Outcome);
    }

    [Fact]
    public async Task Expired_lock_rescue_and_unlocking_stale_locks_leave_a_paused_queue_paused()
    {
        var job = await Client.EnqueueAsync("mail", default, new EnqueueOptions { Queue = "outbox" });
        await Admin.PauseQueueAsync("outbox");

        Assert.Empty(await Admin.UnlockStaleAsync([job.Id], TimeSpan.FromTicks(1)));
        Assert.Null(await GetJobAsync("worker-a"));
        Assert.True(Assert.Single(await Admin.GetQueuesAsync()).IsPaused);
    }

    [Fact]
    public async Task A_queue_name_the_schema_could_not_hold_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.PauseQueueAsync("bad\0name"));
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.ResumeQueueAsync(new string('q', 200)));
    }
}

public sealed class QueuePauseTestsOnInstaller(InstallerDatabase database) : QueuePauseTests(database), IClassFixture<InstallerDatabase>;

public sealed class QueuePauseTestsOnPgpm(PgpmDatabase database) : QueuePauseTests(database), IClassFixture<PgpmDatabase>;

public sealed class QueuePauseTestsOnUpstream047(Upstream047Database database) : QueuePauseTests(database), IClassFixture<Upstream047Database>;
