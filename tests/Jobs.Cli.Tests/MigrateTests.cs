using Jobs.Cli.Tests.Infrastructure;
using Jobs.Schema;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs migrate</c> against real databases, each test on a fresh empty one.</summary>
public sealed class MigrateTests : MigrateTest
{
    // What a first install prints, whatever migrations this build carries.
    private static readonly string Applied =
        $"schema app_jobs: applied {string.Join(", ", Migrations.All.Select(m => $"{m.Version:D4}_{m.Name}"))}; now at version {Migrations.LatestVersion}";

    private static readonly string UpToDate = $"schema app_jobs is up to date (version {Migrations.LatestVersion})";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();

    [Fact]
    public async Task Migrate_into_an_empty_database_installs_the_schema()
    {
        var line = (await MigrateAsync()).AssertOneLineSuccess();

        Assert.Equal(Applied, line);
        Assert.StartsWith("schema app_jobs: applied 0001_app_jobs", line, StringComparison.Ordinal);
        foreach (var table in new[] { "app_jobs.jobs", "app_jobs.job_queues", "app_jobs.scheduled_jobs", "app_jobs.jobs_migrations" })
        {
            Assert.True(await Catalog.RelationExistsAsync(Database, table), $"{table} should exist");
        }
        Assert.Equal(Migrations.All.Select(m => $"{m.Version}:{m.Name}"), await Catalog.RecordedMigrationsAsync(Database));
        Assert.Contains("1:app_jobs", await Catalog.RecordedMigrationsAsync(Database));
    }

    [Fact]
    public async Task Second_run_says_up_to_date_and_changes_nothing()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var before = await Catalog.FingerprintAsync(Database);

        var line = (await MigrateAsync()).AssertOneLineSuccess();

        Assert.Equal(UpToDate, line);
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
        Assert.Equal(Migrations.All.Count, (await Catalog.RecordedMigrationsAsync(Database)).Count);
    }

    [Fact]
    public async Task Check_on_an_empty_database_exits_1_and_changes_nothing()
    {
        var run = await MigrateAsync("--check");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
            $"schema app_jobs is not installed; {Migrations.All.Count} migration(s) to apply (up to version {Migrations.LatestVersion})",
            Assert.Single(run.OutLines));
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs"));
    }

    [Fact]
    public async Task Check_after_install_exits_0()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var before = await Catalog.FingerprintAsync(Database);

        var report = (await MigrateAsync("--check")).AssertReport(0);

        Assert.Equal([UpToDate, "shape: installed by Jobs (the 0.16 shape and its migrations)", "indexes: every index Jobs relies on is present",
            "security: every SECURITY DEFINER function pins its search_path"], report);
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task Check_on_an_out_of_date_schema_exits_1_and_names_what_is_pending()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        // Forget the latest migration's record: the schema then reads as one version behind.
        var latest = Migrations.All[^1];
        await Catalog.ExecuteAsync(Database, $"DELETE FROM app_jobs.jobs_migrations WHERE version = {latest.Version}");

        var check = (await MigrateAsync("--check")).AssertReport(1);

        Assert.Equal(
            $"schema app_jobs is at version {latest.Version - 1}; 1 migration(s) to apply: {latest.Version:D4}_{latest.Name}",
            check[0]);
    }

    [Fact]
    public async Task Custom_schema_name_installs_into_that_schema()
    {
        var line = (await MigrateAsync("--schema", "billing_jobs")).AssertOneLineSuccess();

        Assert.Equal(Applied.Replace("schema app_jobs:", "schema billing_jobs:", StringComparison.Ordinal), line);
        Assert.True(await Catalog.RelationExistsAsync(Database, "billing_jobs.jobs"));
        Assert.True(await Catalog.RelationExistsAsync(Database, "billing_jobs.jobs_migrations"));
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs"));

        Assert.Equal($"schema billing_jobs is up to date (version {Migrations.LatestVersion})", (await MigrateAsync("--check", "--schema=billing_jobs")).AssertReport(0)[0]);
        Assert.Equal(1, (await MigrateAsync("--check")).ExitCode);
    }

    [Fact]
    public async Task Postgres_url_is_accepted_from_the_option()
    {
        var run = await CliRun.RunAsync("migrate", "--connection", Connections.Url(Database));
        Assert.Equal(Applied, run.AssertOneLineSuccess());
    }

    [Fact]
    public async Task Postgres_url_is_accepted_from_JOBS_DATABASE_URL()
    {
        var run = await CliRun.RunAsync(Connections.Environment(("JOBS_DATABASE_URL", Connections.Url(Database))), "migrate");
        Assert.Equal(Applied, run.AssertOneLineSuccess());
    }

    [Fact]
    public async Task Libpq_variables_are_used_when_nothing_else_is_given()
    {
        var run = await CliRun.RunAsync(Connections.LibpqVariables(Database), "migrate");
        Assert.Equal(Applied, run.AssertOneLineSuccess());
        Assert.True(await Catalog.RelationExistsAsync(Database, "app_jobs.jobs"));
    }

    [Fact]
    public async Task Option_wins_over_a_broken_JOBS_DATABASE_URL_which_wins_over_broken_libpq_variables()
    {
        var environment = new Dictionary<string, string?>(Connections.LibpqVariables(Database))
        {
            ["JOBS_DATABASE_URL"] = Connections.Unreachable,
        };
        Assert.Equal(Applied, (await CliRun.RunAsync(environment, "migrate", "--connection", Database.ConnectionString)).AssertOneLineSuccess());

        // With the variable good and PGPORT broken, the variable is the one used.
        environment["JOBS_DATABASE_URL"] = Connections.Url(Database);
        environment["PGPORT"] = "1";
        Assert.Equal(UpToDate, (await CliRun.RunAsync(environment, "migrate")).AssertOneLineSuccess());
    }

    [Fact]
    public async Task Missing_database_is_a_one_line_runtime_error()
    {
        var connection = Database.ConnectionString.Replace(Database.Name, Database.Name + "_missing", StringComparison.Ordinal);
        var line = (await CliRun.RunAsync("migrate", "--connection", connection)).AssertOneLineError(1);
        Assert.StartsWith("jobs: error: could not connect to PostgreSQL at ", line, StringComparison.Ordinal);
        Assert.EndsWith("(SQLSTATE 3D000)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_login_is_a_one_line_runtime_error()
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = "jobs_cli_no_such_role", Password = "hunter2" }.ConnectionString;
        var line = (await CliRun.RunAsync("migrate", "--connection", connection)).AssertOneLineError(1);
        Assert.StartsWith("jobs: error: could not connect to PostgreSQL at ", line, StringComparison.Ordinal);
        // 28000 (role does not exist, under trust auth) or 28P01 (password authentication failed).
        Assert.Matches(@"\(SQLSTATE 28(000|P01)\)$", line);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_error_during_migration_is_a_one_line_runtime_error()
    {
        // A leftover function with the name of one the migration creates makes the install fail halfway.
        await Catalog.ExecuteAsync(Database, "CREATE SCHEMA app_jobs; CREATE FUNCTION app_jobs.tg_update_timestamps() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';");

        var line = (await MigrateAsync()).AssertOneLineError(1);

        Assert.StartsWith("jobs: error: could not migrate schema app_jobs: ", line, StringComparison.Ordinal);
        Assert.EndsWith("(SQLSTATE 42723)", line, StringComparison.Ordinal);
        Assert.False(await Catalog.RelationExistsAsync(Database, "app_jobs.jobs_migrations"), "the failed run must roll back");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public async Task Concurrent_runs_all_succeed_and_exactly_one_applies(int runs)
    {
        // Hold the installers' advisory lock so that every run is connected and queued on it
        // before any of them can start: the race is then certain, not left to timing.
        await using var gate = await Database.OpenConnectionAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", gate) { Parameters = { new() { Value = Jobs.Schema.SchemaInstaller.MigrationLockKey(Jobs.Schema.SchemaName.Default) } } })
        {
            await take.ExecuteNonQueryAsync();
        }

        var all = Enumerable.Range(0, runs).Select(_ => Task.Run(() => MigrateAsync())).ToArray();
        await WaitForLockWaitersAsync(runs, all);
        await using (var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", gate) { Parameters = { new() { Value = Jobs.Schema.SchemaInstaller.MigrationLockKey(Jobs.Schema.SchemaName.Default) } } })
        {
            await release.ExecuteNonQueryAsync();
        }
        var results = await Task.WhenAll(all);

        var lines = results.Select(r => r.AssertOneLineSuccess()).ToArray();
        Assert.Equal(1, lines.Count(l => l == Applied));
        Assert.Equal(runs - 1, lines.Count(l => l == UpToDate));
        Assert.Equal(Migrations.All.Count, (await Catalog.RecordedMigrationsAsync(Database)).Count);
    }

    [Fact]
    public async Task Two_runs_started_together_both_succeed_and_exactly_one_applies()
    {
        var results = await Task.WhenAll(Task.Run(() => MigrateAsync()), Task.Run(() => MigrateAsync()));

        var lines = results.Select(r => r.AssertOneLineSuccess()).ToArray();
        Assert.Equal(1, lines.Count(l => l == Applied));
        Assert.Equal(1, lines.Count(l => l == UpToDate));
    }

    private async Task WaitForLockWaitersAsync(int expected, Task<CliRun>[] runs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = Database.DataSource.CreateCommand("""
                SELECT count(*)::int FROM pg_locks
                 WHERE locktype = 'advisory' AND NOT granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """);
            var waiting = (int)(await command.ExecuteScalarAsync())!;
            if (waiting == expected)
            {
                return;
            }
            if (runs.FirstOrDefault(r => r.IsCompleted) is { } finished)
            {
                var run = await finished;
                Assert.Fail($"a run finished while the lock was held (does SchemaInstaller still lock SchemaInstaller.MigrationLockKey?): exit {run.ExitCode}, {run.Stdout}{run.Stderr}");
            }
            Assert.True(DateTime.UtcNow < deadline, $"only {waiting} of {expected} runs queued on the migration lock within 30 s");
            await Task.Delay(20);
        }
    }
}
