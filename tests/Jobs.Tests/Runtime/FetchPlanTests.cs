using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The batched fetch at scale: with permanently failed jobs kept in the table, it walks the index
/// of runnable jobs in get_job's full order (our migration 3; on 0.16 and 0.47 the index
/// `jobs migrate --check` prints) under the worker's own planner settings, not one that lists every
/// failed job ahead of the live ones.
/// </summary>
public abstract class FetchPlanTests(SchemaDatabase database, string expectedIndex) : RuntimeTest(database)
{
    [Fact]
    public async Task The_batched_fetch_walks_the_index_of_runnable_jobs()
    {
        // On a pgpm-deployed schema, what a DBA applies after `jobs migrate --check`.
        foreach (var missing in (await SchemaShapeReader.ReadAsync(DataSource)).MissingIndexes)
        {
            await ExecuteAsync(missing.Sql);
        }
        var shape = await SchemaShapeReader.ReadAsync(DataSource);
        Assert.Empty(shape.MissingIndexes);
        await ExecuteAsync("""
            INSERT INTO app_jobs.jobs (database_id, task_identifier, payload, run_at, attempts, max_attempts, last_error)
            SELECT gen_random_uuid(), 'count', '{}', now() - interval '1 day', 25, 25, 'failed for good' FROM generate_series(1, 20000);
            """);
        await Client.EnqueueManyAsync(Enumerable.Range(0, 100).Select(_ => new JobRequest("count", default)));
        await ExecuteAsync("ANALYZE app_jobs.jobs");
        var sql = new SqlQueries(new SchemaName("app_jobs"));

        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var settings = sql.Command(connection, transaction, new FetchPlannerSettingsQuery()))
        {
            await settings.ExecuteNonQueryAsync();
        }
        await using var explain = shape.HasAvailabilityColumn
            ? sql.Command(connection, transaction, new FetchAvailableJobsQuery("plan-test-worker", ["count"], Max: 50, JobExpirySeconds: 3600))
            : sql.Command(connection, transaction, new FetchJobsQuery("plan-test-worker", ["count"], Max: 50, JobExpirySeconds: 3600));
        var text = await QueryPlan.ExplainAsync(explain);
        await transaction.RollbackAsync();

        Assert.Contains($"Index Scan using {expectedIndex}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on jobs", text, StringComparison.Ordinal);
    }
}

public sealed class FetchPlanTestsOnInstaller(InstallerDatabase database)
    : FetchPlanTests(database, "jobs_runnable_priority_run_at_id_idx"), IClassFixture<InstallerDatabase>;

public sealed class FetchPlanTestsOnPgpm(PgpmDatabase database)
    : FetchPlanTests(database, "jobs_runnable_priority_run_at_id_idx"), IClassFixture<PgpmDatabase>;

public sealed class FetchPlanTestsOnUpstream047(Upstream047Database database)
    : FetchPlanTests(database, "jobs_available_priority_run_at_id_idx"), IClassFixture<Upstream047Database>;
