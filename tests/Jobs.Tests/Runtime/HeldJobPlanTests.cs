using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The statements that settle, renew or release the jobs a worker holds find each job by its
/// primary key, whatever the statistics say. After a burst of enqueues is analyzed, the
/// statistics say no job is locked; with `locked_by = $1` the planner then walked the
/// locked_by index through every job the worker held, for each batch of results: a drain of
/// 60,000 jobs on durable storage took 58 s instead of 3.5. The same holds for the scheduler's
/// claims on scheduled_jobs.
/// </summary>
public abstract class HeldJobPlanTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const string Worker = "plan-test-worker";
    private const int Held = 5_000;

    [Fact]
    public async Task Statements_on_held_jobs_walk_the_primary_key_when_statistics_say_nothing_is_locked()
    {
        // Analyzed while unlocked, then locked by one worker: the statistics trail the table.
        await ExecuteAsync($$"""
            INSERT INTO app_jobs.jobs (database_id, task_identifier, payload, run_at)
            SELECT gen_random_uuid(), 'count', '{}', now() FROM generate_series(1, {{Held}});
            ANALYZE app_jobs.jobs;
            UPDATE app_jobs.jobs SET locked_by = '{{Worker}}', locked_at = now(), attempts = 1;
            """);
        var ids = await ReadIdsAsync("SELECT id FROM app_jobs.jobs ORDER BY id LIMIT 500");
        var attempts = ids.Select(_ => 1).ToArray();
        var results = new HeldResults(Worker, ids, attempts, ids.Select(_ => (DateTime?)null).ToArray());
        var failures = new HeldFailures(results, ids.Select(_ => "boom").ToArray(), ids.Select(_ => false).ToArray());

        await AssertWalksPrimaryKeyAsync(new CompleteJobsBatchQuery(results), "jobs");
        await AssertWalksPrimaryKeyAsync(new FailJobsBatchQuery(failures), "jobs");
        await AssertWalksPrimaryKeyAsync(new CompleteJobsEachQuery(results), "jobs");
        await AssertWalksPrimaryKeyAsync(new FailJobsEachQuery(failures), "jobs");
        await AssertWalksPrimaryKeyAsync(new ReleaseUnstartedJobsQuery(Worker, ids, attempts), "jobs");
        await AssertWalksPrimaryKeyAsync(new RenewLocksQuery(Worker, ids), "jobs");
    }

    [Fact]
    public async Task The_schedulers_statements_walk_the_primary_key_when_statistics_say_nothing_is_claimed()
    {
        await ExecuteAsync($$"""
            INSERT INTO app_jobs.scheduled_jobs (database_id, task_identifier, payload, schedule_info)
            SELECT gen_random_uuid(), 'count', '{}', '{"rule": "*/5 * * * *"}' FROM generate_series(1, {{Held}});
            ANALYZE app_jobs.scheduled_jobs;
            UPDATE app_jobs.scheduled_jobs SET locked_by = '{{Worker}}', locked_at = now();
            """);
        var ids = await ReadIdsAsync("SELECT id FROM app_jobs.scheduled_jobs ORDER BY id LIMIT 500");

        await AssertWalksPrimaryKeyAsync(new RenewScheduledJobClaimsQuery(Worker, ids), "scheduled_jobs");
        await AssertWalksPrimaryKeyAsync(new RunScheduledJobQuery(ids[0], Worker, TimeSpan.FromHours(4)), "scheduled_jobs");
    }

    private async Task<long[]> ReadIdsAsync(string sql)
    {
        var ids = new List<long>();
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

    private async Task AssertWalksPrimaryKeyAsync<TQuery>(TQuery query, string table)
        where TQuery : ISqlQuery
    {
        var sql = new SqlQueries(new SchemaName("app_jobs"));
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var explain = sql.Command(connection, transaction: null, query);
        var text = await QueryPlan.ExplainAsync(explain);
        var name = TQuery.File;
        Assert.True(text.Contains($"Index Scan using {table}_pkey on {table}", StringComparison.Ordinal), $"{name} does not walk {table}_pkey:\n{text}");
        Assert.False(text.Contains("locked_by_idx", StringComparison.Ordinal), $"{name} walks a locked_by index:\n{text}");
        Assert.False(text.Contains($"Seq Scan on {table}", StringComparison.Ordinal), $"{name} scans all of {table}:\n{text}");
    }
}

public sealed class HeldJobPlanTestsOnInstaller(InstallerDatabase database)
    : HeldJobPlanTests(database), IClassFixture<InstallerDatabase>;

public sealed class HeldJobPlanTestsOnPgpm(PgpmDatabase database)
    : HeldJobPlanTests(database), IClassFixture<PgpmDatabase>;

public sealed class HeldJobPlanTestsOnUpstream047(Upstream047Database database)
    : HeldJobPlanTests(database), IClassFixture<Upstream047Database>;
