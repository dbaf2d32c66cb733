using System.Globalization;
using Jobs.Schema;
using Jobs.Testing;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Tests.Chaos;

/// <summary>
/// Several worker processes drain jobs while the suite SIGKILLs and restarts them at random,
/// crashes PostgreSQL once and cuts the workers' connections. Handlers journal every run (job,
/// attempt, worker, start, end) to files that survive a kill, and a trigger records every result
/// the table took. Then: no job lost or stuck, no job ran twice at once, every rerun is explained
/// by a failure, a kill or an outage, and no result ever applied to an attempt other than its own.
/// Bounded for CI; <c>JOBS_CHAOS_SOAK=1</c> runs the long soak (20,000 jobs, 24 kills) and prints
/// its figures. Needs a cluster of its own (it crashes it), so the local PostgreSQL binaries.
/// </summary>
public sealed class ChaosSuiteTests(ITestOutputHelper output)
{
    private static readonly bool Soak = Environment.GetEnvironmentVariable("JOBS_CHAOS_SOAK") == "1";

    /// <summary>How the chaos workers' handler (Jobs.TestWorker's ChaosDispatcher) words a failure: the attempt follows.</summary>
    private const string FailurePrefix = "chaos failure of attempt ";

    private static readonly FetchStrategy[] Strategies = [FetchStrategy.Batched, FetchStrategy.SchemaFunctions, FetchStrategy.Batched];

    [Fact]
    public async Task Workers_killed_at_random_a_crashed_server_and_cut_connections_lose_no_job_overlap_none_and_apply_no_stale_result()
    {
        var jobCount = Soak ? 20_000 : 6_000;
        var killTarget = Soak ? 24 : 12;
        var binaries = PostgresBinaries.Find()
            ?? throw new InvalidOperationException("The chaos suite crashes a PostgreSQL cluster of its own: it needs initdb and pg_ctl (apt-get install postgresql).");
        await using var cluster = await LocalPostgresCluster.StartAsync(binaries, crashSafe: true, CancellationToken.None);
        await using var dataSource = JobsDataSource.Create(cluster.ConnectionString);
        await new SchemaInstaller(dataSource).InstallAsync();
        await ExecuteAsync(dataSource, ResultAudit);
        var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() });
        var jobs = await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(_ => new JobRequest("chaos", default)));

        var journals = Directory.CreateTempSubdirectory("jobs-chaos-");
        var outages = new List<Outage>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Two network paths: the direct one, and one through a proxy the suite freezes once for
        // longer than the job expiry, so the other workers take the frozen ones' jobs and the
        // frozen ones' late results arrive for attempts that are no longer theirs.
        await using var proxy = Infrastructure.TcpProxy.ForConnectionString(cluster.ConnectionString);
        using (var workers = new ChaosWorkers([cluster.ConnectionString, proxy.Rewrite(cluster.ConnectionString)], journals.FullName))
        {
            foreach (var strategy in Strategies)
            {
                await workers.StartAsync(strategy);
            }
            var random = new Random(20261201);
            var crashed = false;
            var frozen = false;
            var cuts = 0;
            while (workers.Kills < killTarget || !crashed || !frozen || cuts < 2)
            {
                await Task.Delay(random.Next(300, 900));
                var victim = workers.Running.ElementAt(random.Next(workers.Running.Count));
                await workers.KillAsync(victim);
                await workers.StartAsync(Strategies[workers.Kills % Strategies.Length]);
                if (!crashed && workers.Kills == killTarget / 2)
                {
                    var from = DateTime.UtcNow;
                    await cluster.CrashAndRestartAsync();
                    dataSource.Clear();
                    outages.Add(new Outage("server crash and restart", from, DateTime.UtcNow));
                    crashed = true;
                }
                else if (!frozen && workers.Kills >= 3)
                {
                    outages.Add(await FreezeAsync(proxy, workers.RunningOn(1), dataSource));
                    frozen = true;
                }
                else if (cuts < 2 && workers.Kills % 4 == 1)
                {
                    var at = DateTime.UtcNow;
                    await Eventually.TrueAsync(async () =>
                    {
                        await ExecuteAsync(dataSource, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'chaos-%'");
                        return true;
                    }, "the workers' connections to be cut");
                    outages.Add(new Outage("workers' connections terminated", at, DateTime.UtcNow));
                    cuts++;
                }
            }
            var chaosOver = clock.Elapsed;
            await Eventually.TrueAsync(async () => await CountAsync(dataSource, "SELECT count(*) FROM app_jobs.jobs") == 0,
                "every job to be done after the chaos", TimeSpan.FromMinutes(Soak ? 10 : 4));
            output.WriteLine($"{jobCount:N0} jobs, {workers.Kills} kills, {outages.Count} outages; chaos {chaosOver.TotalSeconds:N0} s, drained at {clock.Elapsed.TotalSeconds:N0} s");

            var history = ExecutionHistory.Read(journals.FullName);
            var stale = await StaleResultsAsync(dataSource, history);
            var overlaps = history.Overlaps(workers.KilledAt);
            var unexplained = history.UnexplainedReruns(workers.KilledAt, outages);
            var vanished = history.Unfinished(workers.KilledAt);
            var ran = history.Executions.Select(e => e.JobId).ToHashSet();
            var lost = jobs.Where(job => !ran.Contains(job.Id)).Select(job => job.Id).ToList();
            var stuck = await CountAsync(dataSource, "SELECT count(*) FROM app_jobs.jobs");
            output.WriteLine(Figures(new(jobCount, workers.Kills, outages.Count, history.Executions.Count, history.Executions.Count - ran.Count,
                overlaps.Count, unexplained.Count, stale.Count, lost.Count, stuck, clock.Elapsed)));

            Assert.Equal(0L, stuck);
            Assert.Empty(lost);
            Assert.Equal((long)jobCount, await CountAsync(dataSource, "SELECT count(DISTINCT job_id) FROM chaos_results WHERE result = 'completed'"));
            Assert.True(overlaps.Count == 0, string.Join(Environment.NewLine, overlaps.Take(10)) + Environment.NewLine + string.Join(", ", workers.KilledAt.Select(k => $"{k.Key}@{k.Value:HH:mm:ss.fff}")) + Environment.NewLine + string.Join(", ", outages.Select(o => $"{o.What} {o.From:HH:mm:ss.fff}-{o.To:HH:mm:ss.fff}")));
            Assert.True(unexplained.Count == 0, string.Join(Environment.NewLine, unexplained.Take(10)) + Environment.NewLine + string.Join(", ", workers.KilledAt.Select(k => $"{k.Key}@{k.Value:HH:mm:ss.fff}")) + Environment.NewLine + string.Join(", ", outages.Select(o => $"{o.What} {o.From:HH:mm:ss.fff}-{o.To:HH:mm:ss.fff}")));
            Assert.Empty(vanished);
            Assert.Empty(stale);
        }
        journals.Delete(recursive: true);
    }

    /// <summary>
    /// Freezes the proxied workers' network until every job they held was taken by another worker
    /// (their locks expire, unrenewed), then restores it: their results now arrive late.
    /// </summary>
    private static async Task<Outage> FreezeAsync(Infrastructure.TcpProxy proxy, string[] frozenWorkers, NpgsqlDataSource dataSource)
    {
        var from = DateTime.UtcNow;
        proxy.Freeze();
        await using (var held = dataSource.CreateCommand("SELECT count(*) FROM app_jobs.jobs WHERE locked_by = ANY ($1)"))
        {
            held.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = frozenWorkers });
            await Eventually.TrueAsync(async () => (long)(await held.ExecuteScalarAsync())! == 0,
                "the frozen workers' jobs to be taken by the others", TimeSpan.FromSeconds(60));
        }
        proxy.Restore();
        return new Outage("network of " + string.Join(", ", frozenWorkers) + " frozen", from, DateTime.UtcNow);
    }

    /// <summary>
    /// Every result the jobs table took, with the attempt the row was in when it took it: a failure
    /// names its attempt in its message, and a completion must come from a run of that attempt
    /// that succeeded before the row was deleted.
    /// </summary>
    private const string ResultAudit = """
        CREATE TABLE chaos_results (job_id bigint NOT NULL, result text NOT NULL, attempts int NOT NULL, last_error text,
                                    taken_at timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE FUNCTION chaos_record_result() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            INSERT INTO chaos_results (job_id, result, attempts) VALUES (OLD.id, 'completed', OLD.attempts);
          ELSIF NEW.last_error IS DISTINCT FROM OLD.last_error THEN
            INSERT INTO chaos_results (job_id, result, attempts, last_error) VALUES (OLD.id, 'failed', OLD.attempts, NEW.last_error);
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER chaos_record_result AFTER UPDATE OR DELETE ON app_jobs.jobs FOR EACH ROW EXECUTE FUNCTION chaos_record_result();
        """;

    private static async Task<List<string>> StaleResultsAsync(NpgsqlDataSource dataSource, ExecutionHistory history)
    {
        var stale = new List<string>();
        var succeeded = history.Executions.Where(e => e.Succeeded).ToLookup(e => (e.JobId, e.Attempt));
        await using var command = dataSource.CreateCommand("SELECT job_id, result, attempts, last_error, taken_at FROM chaos_results");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (jobId, result, attempts) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
            var takenAt = reader.GetFieldValue<DateTime>(4);
            if (result == "completed" && !succeeded[(jobId, attempts)].Any(run => run.End <= takenAt))
            {
                stale.Add($"job {jobId} was completed while in attempt {attempts}, which had not succeeded");
            }
            if (result == "failed" && !reader.IsDBNull(3) && reader.GetString(3).Contains(FailurePrefix, StringComparison.Ordinal)
                && !reader.GetString(3).Contains(FailurePrefix + attempts.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                stale.Add($"job {jobId} in attempt {attempts} took the failure '{reader.GetString(3)}'");
            }
        }
        return stale;
    }

    private sealed record RunFigures(int Jobs, int Kills, int Outages, int Runs, int Reruns, int Overlapping, int Unexplained, int Stale, int Lost, long Stuck, TimeSpan Elapsed);

    private static string Figures(RunFigures f) => $"""
        | jobs | kills | outages | runs | reruns | overlapping | unexplained reruns | stale results applied | lost | stuck | seconds |
        |---|---|---|---|---|---|---|---|---|---|---|
        | {f.Jobs:N0} | {f.Kills} | {f.Outages} | {f.Runs:N0} | {f.Reruns:N0} | {f.Overlapping} | {f.Unexplained} | {f.Stale} | {f.Lost} | {f.Stuck} | {f.Elapsed.TotalSeconds:N0} |
        """;

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
