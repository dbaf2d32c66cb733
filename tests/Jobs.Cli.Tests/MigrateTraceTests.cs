using Jobs.Cli.Tests.Infrastructure;
using Jobs.Schema;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary>
/// <c>jobs migrate --trace</c>: the store of jobs' creation contexts is installed only when asked,
/// in a schema of its own, beside our schema or a pgpm-deployed one (left untouched).
/// </summary>
public abstract class MigrateTraceTests : MigrateTest
{
    private static readonly string Applied =
        $"trace contexts app_jobs_trace: applied {string.Join(", ", Migrations.TraceContexts.Select(m => $"{m.Version:D4}_{m.Name}"))}; "
        + "clients and workers use them from their next start";

    [Fact]
    public async Task Trace_contexts_are_installed_when_asked_and_left_alone_the_second_time()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs_trace"), "installed without being asked");
        var jobsSchema = await Catalog.FingerprintAsync(Database);

        var installed = (await MigrateAsync("--trace")).AssertReport(0);
        Assert.Equal(Applied, installed[^1]);
        Assert.True(await Catalog.RelationExistsAsync(Database, "app_jobs_trace.job_contexts"));
        Assert.Equal(jobsSchema, await Catalog.FingerprintAsync(Database));

        var again = (await MigrateAsync("--trace")).AssertReport(0);
        Assert.Equal("trace contexts app_jobs_trace: up to date; clients and workers use them from their next start", again[^1]);
        Assert.Equal(Migrations.TraceContexts.Select(m => $"{m.Version}:{m.Name}"), await Catalog.RecordedMigrationsAsync(Database, "app_jobs_trace"));
    }

    [Fact]
    public async Task Dry_run_with_trace_prints_what_would_run_and_changes_nothing()
    {
        var report = (await MigrateAsync("--trace", "--dry-run")).AssertReport(0);

        Assert.Contains("trace contexts app_jobs_trace: would apply, in one transaction, under an advisory lock:", report);
        Assert.Contains($"{Migrations.TraceContexts[0].Version:D4}_{Migrations.TraceContexts[0].Name}", report);
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs_trace"));
    }

    [Fact]
    public async Task Show_sql_with_trace_prints_the_table_for_the_trace_schema()
    {
        var run = await MigrateAsync("--trace", "--show-sql");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CREATE TABLE \"app_jobs_trace\".job_contexts", run.Stdout, StringComparison.Ordinal);
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs_trace"));
    }

    [Fact]
    public async Task The_client_and_worker_grants_include_the_trace_contexts_once_they_are_installed()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var without = (await CliRun.RunAsync("grants", "--role", "w", "--for", "worker", "--connection", Database.ConnectionString)).AssertReport(0);
        Assert.DoesNotContain(without, line => line.Contains("app_jobs_trace", StringComparison.Ordinal));

        (await MigrateAsync("--trace")).AssertReport(0);
        var worker = (await CliRun.RunAsync("grants", "--role", "w", "--for", "worker", "--connection", Database.ConnectionString)).AssertReport(0);
        Assert.Equal([.. without, .. RoleGrants.ForTraceContexts(JobsComponent.Worker, "w")], worker);
        var client = (await CliRun.RunAsync("grants", "--role", "c", "--for", "client", "--connection", Database.ConnectionString)).AssertReport(0);
        Assert.Contains(RoleGrants.ForTraceContexts(JobsComponent.Client, "c")[1], client);
    }

    [Fact]
    public async Task Trace_with_check_is_a_usage_error()
    {
        var line = (await MigrateAsync("--trace", "--check")).AssertOneLineError(2);

        Assert.Contains("--check does not report the trace contexts", line, StringComparison.Ordinal);
    }
}

public sealed class MigrateTraceTestsOnInstaller : MigrateTraceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();
}

public sealed class MigrateTraceTestsOnPgpm : MigrateTraceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.PgpmDatabaseAsync();
}
