using Jobs.Schema;
using Jobs.Testing;
using Jobs.Testing.Postgres;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// PostgreSQL crashes and comes back while a worker drains: every job still runs, and no job
/// ever runs twice at the same time. Needs a cluster of its own (restarting the shared server
/// would break the other tests), so it needs the local PostgreSQL binaries.
/// </summary>
public sealed class PostgresRestartTests
{
    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_crash_of_the_server_mid_drain_loses_no_job_and_never_overlaps_one(FetchStrategy strategy)
    {
        var binaries = PostgresBinaries.Find()
            ?? throw new InvalidOperationException("This test restarts a PostgreSQL cluster of its own: it needs initdb and pg_ctl (apt-get install postgresql).");
        // Crash-safe: a commit the server acknowledged (a handler's own write) must survive the crash.
        await using var cluster = await LocalPostgresCluster.StartAsync(binaries, crashSafe: true, CancellationToken.None);
        await using var dataSource = JobsDataSource.Create(cluster.ConnectionString);
        await new SchemaInstaller(dataSource).InstallAsync();
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE executions (job_id bigint NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL DEFAULT clock_timestamp())
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }
        var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() });
        await client.EnqueueManyAsync(Enumerable.Range(0, 3_000).Select(_ => new JobRequest("survive", default)));

        var handled = 0;
        var dispatcher = new TestDispatcher().Handle("survive", async (context, cancellationToken) =>
        {
            var started = DateTimeOffset.UtcNow;
            await Task.Delay(2, cancellationToken);
            await using var record = dataSource.CreateCommand("INSERT INTO executions (job_id, started_at) VALUES ($1, $2)");
            record.Parameters.Add(new NpgsqlParameter { Value = context.Id });
            record.Parameters.Add(new NpgsqlParameter { Value = started });
            await record.ExecuteNonQueryAsync(cancellationToken);
            Interlocked.Increment(ref handled);
        });
        var options = new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 8, JobExpiry = TimeSpan.FromSeconds(5), PollInterval = TimeSpan.FromMilliseconds(200) };

        await using (var worker = new WorkerRun(cluster.ConnectionString, dispatcher, options))
        {
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref handled) >= 500), "the worker to be well into the drain");
            await cluster.CrashAndRestartAsync();
            dataSource.Clear();
            await Eventually.TrueAsync(async () => await CountAsync(dataSource, "SELECT count(*) FROM app_jobs.jobs") == 0, "every job to complete after the restart", TimeSpan.FromMinutes(3));
        }

        Assert.Equal(3_000L, await CountAsync(dataSource, "SELECT count(DISTINCT job_id) FROM executions"));
        // At-least-once allows a rerun (a completion lost with the crash); never two runs at once.
        Assert.Equal(0L, await CountAsync(dataSource, """
            SELECT count(*) FROM executions a JOIN executions b
              ON a.job_id = b.job_id AND a.ctid < b.ctid
             AND tstzrange(a.started_at, a.finished_at) && tstzrange(b.started_at, b.finished_at)
            """));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
