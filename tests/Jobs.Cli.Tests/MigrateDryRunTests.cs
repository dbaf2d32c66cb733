using Jobs.Cli.Tests.Infrastructure;
using Jobs.Schema;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs migrate --dry-run</c> and <c>--show-sql</c>: what would run is printed, and nothing changes.</summary>
public sealed class MigrateDryRunTests : MigrateTest
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();

    [Fact]
    public async Task Dry_run_lists_every_pending_migration_and_installs_nothing()
    {
        var lines = (await MigrateAsync("--dry-run")).AssertReport(0);

        Assert.Equal(
            [
                $"schema app_jobs is not installed; {Migrations.All.Count} migration(s) to apply (up to version {Migrations.LatestVersion})",
                "would first create schema app_jobs and its version table jobs_migrations",
                "would apply, in one transaction, under an advisory lock:",
                .. Migrations.All.Select(m => $"{m.Version:D4}_{m.Name}"),
            ],
            lines);
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs"));
    }

    [Fact]
    public async Task Show_sql_prints_the_sql_of_each_migration_for_the_schema_named_and_installs_nothing()
    {
        var run = await MigrateAsync("--show-sql", "--schema", "billing_jobs");

        var lines = run.AssertReport(0);
        Assert.All(lines.TakeWhile(l => l.Length > 0 && !l.StartsWith("-- 0001", StringComparison.Ordinal)), l => Assert.StartsWith("--", l, StringComparison.Ordinal));
        foreach (var migration in Migrations.All)
        {
            Assert.Contains($"-- {migration.Version:D4}_{migration.Name}", lines);
        }
        Assert.Contains(Migrations.All[0].SqlFor(new SchemaName("billing_jobs")).Trim(), run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("__SCHEMA__", run.Stdout, StringComparison.Ordinal);
        Assert.False(await Catalog.SchemaExistsAsync(Database, "billing_jobs"));
    }

    [Fact]
    public async Task Dry_run_on_an_up_to_date_schema_says_nothing_would_be_applied()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var before = await Catalog.FingerprintAsync(Database);

        var lines = (await MigrateAsync("--dry-run")).AssertReport(0);

        Assert.Equal([$"schema app_jobs is up to date (version {Migrations.LatestVersion})", "nothing would be applied"], lines);
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task Check_with_dry_run_is_a_usage_error()
    {
        (await MigrateAsync("--check", "--dry-run")).AssertOneLineError(2);
    }
}
