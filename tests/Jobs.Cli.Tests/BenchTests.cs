using System.Text.Json;
using Jobs.Cli.Bench;
using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Cli.Tests;

/// <summary>
/// <c>jobs bench</c> on a deployment pgpm made: it measures in a scratch schema of its own, leaves
/// the application's jobs as they were, drops what it made, and reports every measurement with the
/// drains as a ratio to the ceiling measured on the same server.
/// </summary>
public sealed class BenchTests : IAsyncLifetime
{
    private static readonly BenchSettings Small = new(Jobs: 300, Concurrencies: [4], Strategies: [FetchStrategy.Batched, FetchStrategy.SchemaFunctions], Runs: 1, Probes: 5);
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await Templates.PgpmDatabaseAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task It_measures_beside_the_applications_jobs_without_touching_them_and_leaves_nothing_behind()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() });
        var mine = await client.EnqueueAsync("send_invoice", """{"invoice":42}"""u8.ToArray());
        var progress = new StringWriter();

        var report = await BenchRunner.RunAsync(dataSource, Small, new BenchProgress(progress, terminal: false), CancellationToken.None);

        Assert.Equal(
            ["enqueue", "enqueue", "enqueue", "ceiling", "drain", "drain", "latency", "latency"],
            report.Results.Select(r => r.Metric));
        Assert.All(report.Results.Where(r => r.Metric != "latency"), r => Assert.True(r.Median > 0, r.Name));
        Assert.All(report.Results.Where(r => r.Metric == "latency"), r => Assert.True(r.Percentiles!.Value.P50 > 0, r.Name));
        Assert.True(report.Ceiling > 0);
        Assert.Contains("bench: run 1/1: drain 300 jobs, SchemaFunctions, concurrency 4", progress.ToString(), StringComparison.Ordinal);
        var after = await new JobsAdmin(dataSource, new JobsClientOptions { DatabaseId = mine.DatabaseId }).GetAsync(mine.Id);
        Assert.Equal(mine, after);
        Assert.Equal(1L, await ScalarAsync(dataSource, "SELECT count(*) FROM app_jobs.jobs"));
        Assert.Equal(0L, await ScalarAsync(dataSource, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'jobs_bench_%'"));
    }

    [Fact]
    public async Task The_command_prints_json_lines_with_a_ratio_beside_each_drain_including_one_by_worker_processes()
    {
        var run = await CliRun.RunAsync("bench", "--connection", _database.ConnectionString, "--json", "--jobs", "200", "--concurrency", "2",
            "--strategy", "batched", "--runs", "1", "--probes", "3", "--processes", "2");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["settings", "enqueue", "enqueue", "enqueue", "ceiling", "drain", "drain", "latency"], lines.Select(l => l.GetProperty("metric").GetString()));
        Assert.True(lines[0].TryGetProperty("fsync", out _));
        var drains = lines.Where(l => l.GetProperty("metric").GetString() == "drain").ToArray();
        Assert.All(drains, d => Assert.True(d.GetProperty("ratioToCeiling").GetDouble() > 0));
        Assert.Equal(2, drains[1].GetProperty("processes").GetInt32());
        Assert.Contains("bench: run 1/1:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("jobs: error", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--concurrency", "0", "'0' is not a list of concurrencies")]
    [InlineData("--concurrency", "8,x", "'8,x' is not a list of concurrencies")]
    [InlineData("--strategy", "fast", "'fast' is not a strategy")]
    [InlineData("--jobs", "0", "'0' is not valid for --jobs")]
    [InlineData("--processes", "-1", "is not valid for --processes")]
    public async Task A_bad_value_is_a_usage_error_before_anything_is_measured(string option, string value, string message)
    {
        var run = await CliRun.RunAsync("bench", "--connection", _database.ConnectionString, option, value);

        Assert.Contains(message, run.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(_database.DataSource, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'jobs_bench_%'"));
    }

    [Fact]
    public void The_table_gives_each_drain_as_a_ratio_to_the_ceiling_and_json_lines_carry_the_same()
    {
        var server = new ServerSettings([new("fsync", "on"), new("synchronous_commit", "on")]);
        var report = new BenchReport(server, Small,
        [
            new BenchResult("ceiling: plain SQL", "ceiling", [20_000, 22_000]),
            new BenchResult("drain 300 jobs, Batched, concurrency 4", "drain", [15_000, 17_000], FetchStrategy.Batched, 4),
            new BenchResult("enqueue-to-start, idle worker, Batched", "latency", [], FetchStrategy.Batched, Percentiles: (1.5, 3.26, 7, 9.5)),
        ]);
        var table = new StringWriter();
        var json = new StringWriter();

        report.WriteTable(table);
        report.WriteJsonLines(json);

        Assert.Contains("| drain 300 jobs, Batched, concurrency 4 | 16,000 jobs/s (15,000–17,000) | 0.76× |", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("| enqueue-to-start, idle worker, Batched | p50 1.5 ms, p95 3.3 ms, p99 7.0 ms (max 9.5) |  |", table.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("PostgreSQL: fsync=on, synchronous_commit=on\n", table.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var lines = json.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("settings", lines[0].GetProperty("metric").GetString());
        Assert.True(lines[0].GetProperty("durable").GetBoolean());
        Assert.Equal(16_000, lines[2].GetProperty("jobsPerSecond").GetDouble());
        Assert.Equal(0.762, lines[2].GetProperty("ratioToCeiling").GetDouble());
        Assert.Equal(7, lines[3].GetProperty("p99Ms").GetDouble());
    }

    [Fact]
    public async Task Progress_is_a_bar_redrawn_in_place_on_a_terminal_and_one_line_per_step_otherwise()
    {
        var terminal = new StringWriter();
        var log = new StringWriter();
        foreach (var (writer, isTerminal) in new[] { (terminal, true), (log, false) })
        {
            var progress = new BenchProgress(writer, isTerminal);
            progress.Expect(2);
            await progress.StepAsync("warming up");
            await progress.StepAsync("run 1/1: drain");
            await progress.FinishAsync();
        }

        Assert.Contains($"\rbench [{new string('.', 30)}] 0/2 warming up", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains($"\rbench [{new string('#', 15)}{new string('.', 15)}] 1/2 run 1/1: drain", terminal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', terminal.ToString());
        Assert.EndsWith("\r\u001b[2K", terminal.ToString(), StringComparison.Ordinal);
        Assert.Equal(["bench: warming up", "bench: run 1/1: drain"], log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void A_server_that_does_not_flush_its_commits_is_flagged()
    {
        var report = new BenchReport(new ServerSettings([new("fsync", "off")]), Small, []);
        var table = new StringWriter();

        report.WriteTable(table);

        Assert.Contains("NOT durable", table.ToString(), StringComparison.Ordinal);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
