using Jobs.Schema;
using Jobs.Testing;
using Jobs.Testing.Postgres;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>The whole runtime on a schema that is not called app_jobs.</summary>
public sealed class CustomSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await (await JobsTemplates.Empty()).CloneAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task Install_enqueue_and_work_in_a_schema_of_another_name(FetchStrategy strategy)
    {
        var schema = new SchemaName("billing_jobs");
        await using var dataSource = JobsDataSource.Create(_database.ConnectionString);
        await new SchemaInstaller(dataSource, schema).InstallAsync();
        var clientOptions = new JobsClientOptions { Schema = "billing_jobs", DatabaseId = Guid.NewGuid() };
        var client = new JobsClient(dataSource, clientOptions);
        var admin = new JobsAdmin(dataSource, clientOptions);
        var runs = 0;
        var dispatcher = new TestDispatcher().Handle("invoice", (_, _) => { Interlocked.Increment(ref runs); return Task.CompletedTask; });

        await client.EnqueueManyAsync(Enumerable.Range(0, 20).Select(i => new JobRequest("invoice", default, new EnqueueOptions { Queue = i % 2 == 0 ? "serial" : null })));
        var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { FetchStrategy = strategy }, clientOptions);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        await Eventually.TrueAsync(async () => (await admin.ListAsync()).Count == 0, "the jobs in billing_jobs to complete");
        await stop.CancelAsync();
        await run;

        Assert.Equal(20, runs);
        await using var command = dataSource.CreateCommand("SELECT to_regclass('app_jobs.jobs') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}
