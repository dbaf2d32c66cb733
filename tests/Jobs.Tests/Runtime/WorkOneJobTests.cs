using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// JobsWorker.WorkAsync, on every shape: one job run now, whatever its run_at, through the worker's
/// pipeline, taking and freeing its named queue; refused, with the reason, when the job cannot run.
/// </summary>
public abstract class WorkOneJobTests(SchemaDatabase database) : RuntimeTest(database)
{
    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_job_due_later_in_a_named_queue_runs_now_and_its_queue_is_freed(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("work_one", """{"n":7}"""u8.ToArray(), new EnqueueOptions { Queue = "serial", RunAt = DateTimeOffset.UtcNow.AddDays(1) });
        string? seen = null;
        var dispatcher = new TestDispatcher().Handle("work_one", (context, _) =>
        {
            seen = $"{context.Id}:{context.Attempt}:{System.Text.Encoding.UTF8.GetString(context.Payload.Span)}";
            return Task.CompletedTask;
        });
        var worker = new JobsWorker(DataSource, [dispatcher], new JobsWorkerOptions { FetchStrategy = strategy });

        var result = await worker.WorkAsync(job.Id);

        Assert.Equal((JobWorkOutcome.Completed, (JobRow?)null, (string?)null), (result.Outcome, result.After, result.Error));
        Assert.Equal($"{job.Id}:1:{{\"n\":7}}", seen);
        Assert.Equal(0, await JobCountAsync());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.job_queues WHERE locked_by IS NOT NULL"));
    }

    [Fact]
    public async Task A_job_that_cannot_run_now_is_refused_with_the_reason_and_left_as_it_was()
    {
        var locked = await Client.EnqueueAsync("work_one", "{}"u8.ToArray());
        var queued = await Client.EnqueueAsync("work_one", "{}"u8.ToArray(), new EnqueueOptions { Queue = "held" });
        var foreign = await Client.EnqueueAsync("someone_elses", "{}"u8.ToArray());
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_by = 'other', locked_at = now() WHERE id = $1", locked.Id);
        await ExecuteAsync("UPDATE app_jobs.job_queues SET locked_by = 'other', locked_at = now() WHERE queue_name = 'held'");
        var worker = new JobsWorker(DataSource, [new TestDispatcher().Handle("work_one", (_, _) => Task.CompletedTask)], new JobsWorkerOptions());

        Assert.Equal($"Job {locked.Id} cannot run now: it is locked by other.", (await Assert.ThrowsAsync<InvalidOperationException>(() => worker.WorkAsync(locked.Id))).Message);
        Assert.Equal($"Job {queued.Id} cannot run now: its queue 'held' is held by another job.", (await Assert.ThrowsAsync<InvalidOperationException>(() => worker.WorkAsync(queued.Id))).Message);
        Assert.StartsWith($"Job {foreign.Id} cannot run on this worker: it handles no task 'someone_elses'", (await Assert.ThrowsAsync<InvalidOperationException>(() => worker.WorkAsync(foreign.Id))).Message);
        Assert.Equal([0, 0, 0], (await Admin.ListAsync()).Select(j => j.Attempts));
    }
}

public sealed class WorkOneJobTestsOnInstaller(InstallerDatabase database) : WorkOneJobTests(database), IClassFixture<InstallerDatabase>;

public sealed class WorkOneJobTestsOnPgpm(PgpmDatabase database) : WorkOneJobTests(database), IClassFixture<PgpmDatabase>;

public sealed class WorkOneJobTestsOnUpstream047(Upstream047Database database) : WorkOneJobTests(database), IClassFixture<Upstream047Database>;
