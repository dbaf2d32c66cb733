using Jobs.Testing;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// Jobs and queues locked by a worker that died are freed once their lock is older than the job
/// expiry, on every shape and with both strategies: on 0.47 get_job never takes an expired lock,
/// so the worker's rescuer does it. A live worker's fresh locks are never touched.
/// </summary>
public abstract class ExpiredLockRescueTests(SchemaDatabase database) : RuntimeTest(database)
{
    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_dead_workers_jobs_and_queue_run_again_and_a_live_workers_do_not(FetchStrategy strategy)
    {
        var orphan = await Client.EnqueueAsync("rescued", default, new EnqueueOptions { Queue = "dead-queue" });
        var queued = await Client.EnqueueAsync("rescued", default, new EnqueueOptions { Queue = "dead-queue" });
        var alive = await Client.EnqueueAsync("rescued", default);
        // As a worker that died an hour ago leaves them: its job and queue locked, the attempt
        // counted; and one job another worker took a moment ago and is still running.
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_by = 'dead-worker', locked_at = now() - interval '1 hour', attempts = 1 WHERE id = $1", orphan.Id);
        await ExecuteAsync("UPDATE app_jobs.job_queues SET locked_by = 'dead-worker', locked_at = now() - interval '1 hour' WHERE queue_name = 'dead-queue'");
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_by = 'live-worker', locked_at = now(), attempts = 1 WHERE id = $1", alive.Id);

        var dispatcher = new TestDispatcher().Handle("rescued", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var options = new JobsWorkerOptions { FetchStrategy = strategy, JobExpiry = TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromMilliseconds(200) };
        await using (new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1, "the dead worker's job and the one queued behind it to run");
        }

        Assert.Equal(2, await ScalarAsync<int>("SELECT attempt FROM public.executions WHERE job_id = $1", orphan.Id));
        Assert.Equal(1, await ScalarAsync<int>("SELECT attempt FROM public.executions WHERE job_id = $1", queued.Id));
        var untouched = (await Admin.GetAsync(alive.Id))!;
        Assert.Equal(("live-worker", 1), (untouched.LockedBy, untouched.Attempts));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE job_id = $1", alive.Id));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.job_queues WHERE locked_by IS NOT NULL"));
    }
}

public sealed class ExpiredLockRescueTestsOnInstaller(InstallerDatabase database) : ExpiredLockRescueTests(database), IClassFixture<InstallerDatabase>;

public sealed class ExpiredLockRescueTestsOnPgpm(PgpmDatabase database) : ExpiredLockRescueTests(database), IClassFixture<PgpmDatabase>;

public sealed class ExpiredLockRescueTestsOnUpstream047(Upstream047Database database) : ExpiredLockRescueTests(database), IClassFixture<Upstream047Database>;
