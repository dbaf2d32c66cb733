using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs migrate --check</c> against a schema shaped like @pgpm/database-jobs 0.47.</summary>
public sealed class Upstream047SchemaTests : MigrateTest
{
    private const string Compatible = "schema app_jobs was deployed by another tool (pgpm); it is compatible and left untouched";
    private const string Shape = "shape: @pgpm/database-jobs 0.47 shape (attribution asserted by add_job)";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.Upstream047DatabaseAsync();

    private const string IndexSql =
        "CREATE INDEX CONCURRENTLY jobs_available_priority_run_at_id_idx ON \"app_jobs\".jobs (priority, run_at, id) WHERE is_available = true;";

    [Fact]
    public async Task Check_reports_the_047_shape_and_the_index_in_get_jobs_full_order_and_changes_nothing()
    {
        var before = await Catalog.FingerprintAsync(Database);

        var report = (await MigrateAsync("--check")).AssertReport(3);

        Assert.Equal(
        [
            Compatible,
            Shape,
            "missing index jobs_available_priority_run_at_id_idx: get_job and the batched fetch take available jobs in (priority, run_at, id) order; "
                + "0.47's jobs_main_index stops at run_at, and jobs enqueued in one transaction share it, so every get_job sorts all of them by id",
            IndexSql,
        ], report[..4]);
        // 0.47's SECURITY DEFINER functions pin no search_path either: a warning and its fix each.
        var warnings = report[4..];
        Assert.Equal(
            ["add_job", "add_scheduled_job", "tg_add_job_with_row", "tg_add_job_with_row_id", "trigger_job_with_fields"],
            warnings.Where((_, i) => i % 2 == 0).Select(w => w["warning: function ".Length..w.IndexOf('(', StringComparison.Ordinal)]));
        Assert.All(warnings.Where((_, i) => i % 2 == 1), sql =>
        {
            Assert.StartsWith("ALTER FUNCTION \"app_jobs\".", sql, StringComparison.Ordinal);
            Assert.EndsWith(" SET search_path = pg_catalog, pg_temp;", sql, StringComparison.Ordinal);
        });
        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }

    [Fact]
    public async Task Applying_the_printed_sql_makes_the_check_pass()
    {
        foreach (var sql in (await MigrateAsync("--check")).AssertReport(3).Where(l => l.StartsWith("CREATE INDEX", StringComparison.Ordinal) || l.StartsWith("ALTER FUNCTION", StringComparison.Ordinal)))
        {
            await Catalog.ExecuteAsync(Database, sql);
        }

        var report = (await MigrateAsync("--check")).AssertReport(0);

        Assert.Equal([Compatible, Shape, "indexes: every index Jobs relies on is present", "security: every SECURITY DEFINER function pins its search_path"], report);
    }

    [Fact]
    public async Task Migrate_leaves_the_047_schema_untouched()
    {
        var before = await Catalog.FingerprintAsync(Database);

        Assert.Equal(Compatible, (await MigrateAsync()).AssertOneLineSuccess());

        Assert.Equal(before, await Catalog.FingerprintAsync(Database));
    }
}
