using Jobs.Testing;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The client and the worker against a schema shaped like the newest upstream app_jobs:
/// reordered add_job parameters, extra columns, per-statement NOTIFY, stricter complete_job.
/// </summary>
public sealed class NewerUpstreamSchemaTests(NewerUpstreamDatabase database) : RuntimeTest(database), IClassFixture<NewerUpstreamDatabase>
{
    [Fact]
    public async Task The_client_enqueues_through_the_reordered_add_job()
    {
        var single = await Client.EnqueueAsync("newer", Json("""{"a":1}"""), new EnqueueOptions { Key = "k1", Priority = 2 });
        var many = await Client.EnqueueManyAsync(
        [
            new JobRequest("newer", default, new EnqueueOptions { Key = "k1", Priority = 5 }),
            new JobRequest("newer", default),
        ]);

        Assert.Equal(DatabaseId, single.DatabaseId);
        Assert.Equal(single.Id, many[0].Id);
        Assert.Equal(5, (await Admin.GetAsync(single.Id))!.Priority);
        Assert.Equal(2, await JobCountAsync());
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE is_available"));
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task The_worker_drains_jobs_and_is_woken_by_per_statement_notify(FetchStrategy strategy)
    {
        var dispatcher = new TestDispatcher()
            .Handle("newer", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow))
            .Handle("failing", (_, _) => throw new InvalidOperationException("still fails on the newer schema"));
        var options = new JobsWorkerOptions { FetchStrategy = strategy, PollInterval = TimeSpan.FromMinutes(10) };

        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await worker.ReadyAsync();
            await Client.EnqueueManyAsync(Enumerable.Range(0, 300).Select(i => new JobRequest("newer", default, new EnqueueOptions { Queue = i % 3 == 0 ? "serial" : null })));
            var failing = await Client.EnqueueAsync("failing", default);
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1, "every job but the failing one to complete");
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(failing.Id))!.LastError is not null, "the failure to be written");
        }

        Assert.Equal(300L, await ScalarAsync<long>("SELECT count(DISTINCT job_id) FROM public.executions"));
        Assert.Equal(300L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
    }
}
