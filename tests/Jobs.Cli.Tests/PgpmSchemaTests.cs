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

    private const string FetchIndexSql =
        "CREATE INDEX CONCURRENTLY jobs_runnable_priority_run_at_id_idx ON \"app_jobs\".jobs (priority, run_at, id) WHERE attempts < max_attempts;";

    // 0.16's SECURITY DEFINER functions, as the catalog prints their identity arguments.
    private static readonly (string Name, string Arguments)[] DefinerFunctions =
    [
        ("add_job", "db_id uuid, identifier text, payload json, job_key text, queue_name text, run_at timestamp with time zone, max_attempts integer, priority integer"),
        ("add_scheduled_job", "db_id uuid, identifier text, payload json, schedule_info json, job_key text, queue_name text, max_attempts integer, priority integer"),
        ("tg_add_job_with_row", ""),
        ("tg_add_job_with_row_id", ""),
        ("trigger_job_with_fields", ""),
    ];

    private const string Unpinned = "it is SECURITY DEFINER without a fixed search_path: a role that may call it can shadow now(), an operator or "
        + "another name with its own function and have it run with the owner's rights";

    private static IEnumerable<string> Warnings() => DefinerFunctions.SelectMany(f => new[]
    {
        $"warning: function {f.Name}({f.Arguments}): {Unpinned}",
        $"ALTER FUNCTION \"app_jobs\".\"{f.Name}\"({f.Arguments}) SET search_path = pg_catalog, pg_temp;",
    });

    [Fact]
    public async Task Check_reports_the_016_shape_the_missing_fetch_index_and_the_unpinned_definer_functions_with_their_sql_and_exit_3()
    {
        var before = await Catalog.FingerprintAsync(Database);

        var report = (await MigrateAsync("--check")).AssertReport(3);

        Assert.Equal(
        [
            Compatible,
            "shape: @pgpm/database-jobs 0.16 shape",
            "missing index jobs_runnable_priority_run_at_id_idx: permanently failed jobs are kept for ever; without it each fetch walks past all of them",
            FetchIndexSql,
            .. Warnings(),
        ], report);
        Assert.Contains(
            "ALTER FUNCTION \"app_jobs\".\"add_job\"(db_id uuid, identifier text, payload json, job_key text, queue_name text, "
            + "run_at timestamp with time zone, max_attempts integer, priority integer) SET search_path = pg_catalog, pg_temp;", report);
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task With_every_index_the_unpinned_functions_alone_still_exit_3()
    {
        await Catalog.ExecuteAsync(Database, FetchIndexSql);

        var report = (await MigrateAsync("--check")).AssertReport(3);

        Assert.Equal([Compatible, "shape: @pgpm/database-jobs 0.16 shape", "indexes: every index Jobs relies on is present", .. Warnings()], report);
    }

    [Fact]
    public async Task Applying_the_printed_sql_makes_the_check_pass()
    {
        var report = (await MigrateAsync("--check")).AssertReport(3);
        foreach (var sql in report.Where(line => line.StartsWith("CREATE INDEX", StringComparison.Ordinal) || line.StartsWith("ALTER FUNCTION", StringComparison.Ordinal)))
        {
            await Catalog.ExecuteAsync(Database, sql);
        }

        report = (await MigrateAsync("--check")).AssertReport(0);

        Assert.Equal([Compatible, "shape: @pgpm/database-jobs 0.16 shape", "indexes: every index Jobs relies on is present",
            "security: every SECURITY DEFINER function pins its search_path"], report);
    }

    [Fact]
    public async Task Check_names_a_missing_locked_by_index_and_ignores_an_invalid_fetch_index()
    {
        await Catalog.ExecuteAsync(Database, "DROP INDEX app_jobs.jobs_locked_by_idx");
        // A CREATE INDEX CONCURRENTLY that failed leaves an invalid index behind, which the
        // planner never uses: here a unique one, broken by two jobs due at the same moment.
        await Catalog.ExecuteAsync(Database, """
            INSERT INTO app_jobs.jobs (database_id, task_identifier, queue_name, run_at)
            SELECT '0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11', 'twin', NULL, '2030-01-01' FROM generate_series(1, 2)
            """);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Catalog.ExecuteAsync(Database,
            "CREATE UNIQUE INDEX CONCURRENTLY jobs_runnable_priority_run_at_id_idx ON app_jobs.jobs (priority, run_at) WHERE attempts < max_attempts"));

        var report = (await MigrateAsync("--check")).AssertReport(3);

        Assert.Contains(FetchIndexSql, report);
        Assert.Contains("CREATE INDEX CONCURRENTLY jobs_locked_by_idx ON \"app_jobs\".jobs (locked_by);", report);
    }

    [Fact]
    public async Task Pgpm_schema_lacking_a_function_fails_and_is_still_left_untouched()
    {
        await Catalog.ExecuteAsync(Database, "DROP FUNCTION app_jobs.complete_jobs");
        var before = await Catalog.FingerprintAsync(Database);
        const string Lacking = "schema app_jobs was deployed by another tool (pgpm) but lacks complete_jobs; it is left untouched";

        var line = (await MigrateAsync()).AssertOneLineError(1);
        Assert.Equal("jobs: error: " + Lacking, line);

        var check = (await MigrateAsync("--check")).AssertReport(1);
        Assert.Equal(Lacking, check[0]);
        Assert.Contains("cannot serve: function complete_jobs is missing", check);

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
        Assert.False(await Catalog.RelationExistsAsync(Database, "app_jobs.jobs_migrations"));
    }
}
