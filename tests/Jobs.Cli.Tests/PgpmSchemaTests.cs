using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs migrate</c> against a schema the genuine @pgpm/database-jobs SQL deployed.</summary>
public sealed class PgpmSchemaTests : MigrateTest
{
    private const string Compatible = "schema app_jobs was deployed by another tool (pgpm); it is compatible and left untouched";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.PgpmDatabaseAsync();

    [Fact]
    public async Task Migrate_reports_the_pgpm_schema_and_leaves_it_untouched()
    {
        var before = await Catalog.FingerprintAsync(Database);

        Assert.Equal(Compatible, (await MigrateAsync()).AssertOneLineSuccess());
        Assert.Equal(Compatible, (await MigrateAsync()).AssertOneLineSuccess());

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
        Assert.False(await Catalog.RelationExistsAsync(Database, "app_jobs.jobs_migrations"), "no version table may be added to a pgpm schema");
    }

    [Fact]
    public async Task Fingerprint_sees_the_changes_a_migration_could_make()
    {
        // Guards the "left untouched" assertions above against a fingerprint that sees nothing.
        var original = await Catalog.FingerprintAsync(Database);
        await Catalog.ExecuteAsync(Database, "ALTER FUNCTION app_jobs.get_job SET search_path = public");
        var afterFunction = await Catalog.FingerprintAsync(Database);
        await Catalog.ExecuteAsync(Database, "CREATE TABLE app_jobs.jobs_migrations (version int)");
        var afterTable = await Catalog.FingerprintAsync(Database);

        Assert.NotEqual(original, afterFunction);
        Assert.NotEqual(afterFunction, afterTable);
    }

    [Fact]
    public async Task Check_reports_the_pgpm_schema_as_usable()
    {
        var before = await Catalog.FingerprintAsync(Database);

        Assert.Equal(Compatible, (await MigrateAsync("--check")).AssertOneLineSuccess());

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task Pgpm_schema_lacking_a_function_fails_and_is_still_left_untouched()
    {
        await Catalog.ExecuteAsync(Database, "DROP FUNCTION app_jobs.complete_jobs");
        var before = await Catalog.FingerprintAsync(Database);
        const string Lacking = "schema app_jobs was deployed by another tool (pgpm) but lacks complete_jobs; it is left untouched";

        var line = (await MigrateAsync()).AssertOneLineError(1);
        Assert.Equal("jobs: error: " + Lacking, line);

        var check = await MigrateAsync("--check");
        Assert.Equal(1, check.ExitCode);
        Assert.Equal("", check.Stderr);
        Assert.Equal(Lacking, Assert.Single(check.OutLines));

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
        Assert.False(await Catalog.RelationExistsAsync(Database, "app_jobs.jobs_migrations"));
    }
}
