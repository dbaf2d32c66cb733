using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs migrate --check</c> against a schema shaped like @pgpm/database-jobs 0.47.</summary>
public sealed class Upstream047SchemaTests : MigrateTest
{
    private const string Compatible = "schema app_jobs was deployed by another tool (pgpm); it is compatible and left untouched";
    private const string Shape = "shape: @pgpm/database-jobs 0.47 shape (attribution asserted by add_job)";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.Upstream047DatabaseAsync();

    [Fact]
    public async Task Check_reports_the_047_shape_with_every_index_present_and_changes_nothing()
    {
        var before = await Catalog.FingerprintAsync(Database);

        var report = (await MigrateAsync("--check")).AssertReport(0);

        Assert.Equal([Compatible, Shape, "indexes: every index Jobs relies on is present"], report);
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task Check_prints_the_047_index_when_it_is_missing()
    {
        await Catalog.ExecuteAsync(Database, "DROP INDEX app_jobs.jobs_main_index");

        var report = (await MigrateAsync("--check")).AssertReport(3);

        Assert.Equal(
        [
            Compatible,
            Shape,
            "missing index jobs_main_index: get_job and the batched fetch walk the available jobs by (priority, run_at); without it every fetch scans the table",
            "CREATE INDEX CONCURRENTLY jobs_main_index ON \"app_jobs\".jobs (priority, run_at) INCLUDE (id, queue_name) WHERE is_available = true;",
        ], report);
        await Catalog.ExecuteAsync(Database, report[^1]);
        Assert.Equal(0, (await MigrateAsync("--check")).ExitCode);
    }

    [Fact]
    public async Task Migrate_leaves_the_047_schema_untouched()
    {
        var before = await Catalog.FingerprintAsync(Database);

        Assert.Equal(Compatible, (await MigrateAsync()).AssertOneLineSuccess());

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }
}
