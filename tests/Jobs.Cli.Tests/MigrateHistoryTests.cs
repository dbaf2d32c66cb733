using Jobs.Cli.Tests.Infrastructure;
using Jobs.Schema;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary>
/// <c>jobs migrate --history</c>: the history of completed jobs is installed only when asked, in a
/// schema of its own, beside our schema or a pgpm-deployed one (left untouched); <c>--check</c>
/// reports it; <c>jobs grants</c> includes it once it is there.
/// </summary>
public abstract class MigrateHistoryTests : MigrateTest
{
    private static readonly string HistoryApplied =
        $"history app_jobs_history: applied {string.Join(", ", Migrations.History.Select(m => $"{m.Version:D4}_{m.Name}"))}; "
        + "completed jobs are kept 14 days; workers record them from their next start";

    [Fact]
    public async Task History_is_installed_when_asked_with_its_retention_reported_by_check_and_left_alone_the_second_time()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs_history"), "installed without being asked");
        var jobsSchema = await Catalog.FingerprintAsync(Database);

        var installed = (await MigrateAsync("--history", "--history-retention", "14d")).AssertReport(0);
        Assert.Equal(HistoryApplied, installed[^1]);
        Assert.True(await Catalog.RelationExistsAsync(Database, "app_jobs_history.completed_jobs"));
        Assert.Equal(jobsSchema, await Catalog.FingerprintAsync(Database));

        var check = await MigrateAsync("--check");
        Assert.Contains("history app_jobs_history: installed; completed jobs are kept 14 days; workers record them from their next start", check.OutLines);

        var again = (await MigrateAsync("--history")).AssertReport(0);
        Assert.Equal("history app_jobs_history: up to date; completed jobs are kept 14 days; workers record them from their next start", again[^1]);
        Assert.Equal(Migrations.History.Select(m => $"{m.Version}:{m.Name}"), await Catalog.RecordedMigrationsAsync(Database, "app_jobs_history"));
    }

    [Fact]
    public async Task Dry_run_with_history_prints_what_would_run_and_changes_nothing()
    {
        var report = (await MigrateAsync("--history", "--history-retention", "36h", "--dry-run")).AssertReport(0);

        Assert.Contains("history app_jobs_history: would apply, in one transaction, under an advisory lock:", report);
        Assert.Contains("history app_jobs_history: would keep completed jobs 1.12:00:00", report);
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs_history"));
    }

    [Fact]
    public async Task The_worker_grants_include_the_history_once_it_is_installed()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var without = (await CliRun.RunAsync("grants", "--role", "w", "--for", "worker", "--connection", Database.ConnectionString)).AssertReport(0);
        Assert.DoesNotContain(without, line => line.Contains("app_jobs_history", StringComparison.Ordinal));

        (await MigrateAsync("--history")).AssertReport(0);
        var with = (await CliRun.RunAsync("grants", "--role", "w", "--for", "worker", "--connection", Database.ConnectionString)).AssertReport(0);
        Assert.Equal([.. without, .. RoleGrants.ForHistory(JobsComponent.Worker, "w")], with);
    }

    [Theory]
    [InlineData("--history-retention 1d", "--history-retention needs --history")]
    [InlineData("--history --check", "--check reports the history whenever it is installed")]
    [InlineData("--history --history-retention 0s", "'0s' is not valid for '--history-retention'")]
    public async Task History_usage_errors_exit_2(string arguments, string expected)
    {
        var line = (await MigrateAsync(arguments.Split(' '))).AssertOneLineError(2);

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}

public sealed class MigrateHistoryTestsOnInstaller : MigrateHistoryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();
}

public sealed class MigrateHistoryTestsOnPgpm : MigrateHistoryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.PgpmDatabaseAsync();
}
