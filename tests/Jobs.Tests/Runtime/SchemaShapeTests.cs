using Jobs.Schema;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>What the catalog read tells apart on each shape, and the errors for a shape Jobs cannot serve.</summary>
public abstract class SchemaShapeTests(SchemaDatabase database, SchemaShapeKind kind, bool availability, bool attribution) : RuntimeTest(database)
{
    [Fact]
    public async Task The_shape_is_read_from_the_catalog()
    {
        var shape = await SchemaShapeReader.ReadAsync(DataSource);

        Assert.Equal(kind, shape.Kind);
        Assert.Equal(availability, shape.HasAvailabilityColumn);
        Assert.Equal(attribution, shape.TakesAttribution);
        Assert.Equal(attribution, shape.HasRemoveJob && shape.HasForceUnlockWorkers);
        Assert.Equal(!attribution, shape.KeylessInsertMatchesAddJob);
        Assert.Empty(shape.Problems);
        Assert.Equal(attribution, shape.AddJob!.HasDefault("db_id"));
        Assert.Contains(shape.JobIndexes, i => i.Keys.SequenceEqual(["locked_by"]));
    }
}

public sealed class SchemaShapeTestsOnInstaller(InstallerDatabase database)
    : SchemaShapeTests(database, SchemaShapeKind.Installer, availability: false, attribution: false), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task Our_schema_has_every_index_the_fetch_relies_on()
    {
        var shape = await SchemaShapeReader.ReadAsync(DataSource);

        Assert.Empty(shape.MissingIndexes);
        var fetch = Assert.Single(shape.JobIndexes, i => i.Name == "jobs_runnable_priority_run_at_id_idx");
        Assert.Equal(["priority", "run_at", "id"], fetch.Keys);
        Assert.Equal("(attempts < max_attempts)", fetch.Predicate);
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_worker_refuses_at_start_a_schema_whose_functions_it_cannot_call(FetchStrategy strategy)
    {
        // A schema of its own beside app_jobs: a jobs table and nothing else.
        await ExecuteAsync("CREATE SCHEMA IF NOT EXISTS broken_jobs; CREATE TABLE IF NOT EXISTS broken_jobs.jobs (id bigint)");
        var dispatcher = new TestDispatcher().Handle("any", (_, _) => Task.CompletedTask);
        var worker = new JobsWorker(DataSource, [dispatcher], new JobsWorkerOptions { FetchStrategy = strategy }, new JobsClientOptions { Schema = "broken_jobs" });

        var error = await Assert.ThrowsAsync<UnsupportedSchemaException>(() => worker.RunAsync(CancellationToken.None));

        Assert.Contains("Jobs cannot use schema broken_jobs", error.Message, StringComparison.Ordinal);
        Assert.Contains("jobs lacks column(s) database_id, queue_name", error.Message, StringComparison.Ordinal);
        Assert.Contains("function add_job is missing", error.Message, StringComparison.Ordinal);
        Assert.False(worker.Health.IsRunning);
    }

    [Fact]
    public async Task A_worker_and_a_scheduler_stopped_before_they_start_return_cleanly()
    {
        var dispatcher = new TestDispatcher().Handle("any", (_, _) => Task.CompletedTask);
        var worker = new JobsWorker(DataSource, [dispatcher]);
        var scheduler = new JobsScheduler(DataSource);

        await worker.RunAsync(new CancellationToken(canceled: true));
        await scheduler.RunAsync(new CancellationToken(canceled: true));

        Assert.False(worker.Health.IsRunning);
        Assert.False(scheduler.Health.IsRunning);
    }

    [Fact]
    public async Task The_client_refuses_a_schema_that_is_not_installed_and_names_the_fix()
    {
        var client = new JobsClient(DataSource, new JobsClientOptions { Schema = "nothing_here", DatabaseId = DatabaseId });

        var error = await Assert.ThrowsAsync<UnsupportedSchemaException>(() => client.EnqueueAsync("any", default));

        Assert.Contains("there is no table \"nothing_here\".jobs (install it with `jobs migrate` or SchemaInstaller)", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SchemaShapeTestsOnPgpm(PgpmDatabase database)
    : SchemaShapeTests(database, SchemaShapeKind.Upstream016, availability: false, attribution: false), IClassFixture<PgpmDatabase>
{
    [Fact]
    public async Task The_genuine_016_schema_lacks_only_the_fetch_index()
    {
        var shape = await SchemaShapeReader.ReadAsync(DataSource);

        Assert.Equal(["jobs_runnable_priority_run_at_id_idx"], shape.MissingIndexes.Select(i => i.Name));
        Assert.Equal("@pgpm/database-jobs 0.16 shape", shape.Describe());
    }
}

public sealed class SchemaShapeTestsOnUpstream047(Upstream047Database database)
    : SchemaShapeTests(database, SchemaShapeKind.Upstream047, availability: true, attribution: true), IClassFixture<Upstream047Database>
{
    [Fact]
    public async Task The_047_schema_lacks_only_an_index_in_get_jobs_full_order()
    {
        var shape = await SchemaShapeReader.ReadAsync(DataSource);

        // jobs_main_index is (priority, run_at): with many jobs sharing a run_at, each get_job sorts them all.
        Assert.Equal(["jobs_available_priority_run_at_id_idx"], shape.MissingIndexes.Select(i => i.Name));
        Assert.Contains(shape.JobIndexes, i => i.Name == "jobs_main_index" && i.Keys.SequenceEqual(["priority", "run_at"]));
        Assert.Equal("@pgpm/database-jobs 0.47 shape (attribution asserted by add_job)", shape.Describe());
    }
}
