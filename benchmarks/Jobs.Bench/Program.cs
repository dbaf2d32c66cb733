using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jobs;
using Jobs.Benchmarking;
using Jobs.Schema;
using Jobs.Testing.Pgpm;
using Jobs.Testing.Postgres;
using Npgsql;

// Usage: dotnet run -c Release --project benchmarks/Jobs.Bench [-- options]
//   --mode drain|enqueue|latency|sustained|scale|history   one measurement; default: enqueue, drain and latency as a table
//                                            scale: drain --jobs ready jobs in an empty table, then beside
//                                            --kept other rows (90% permanently failed, 10% due in the future)
//                                            history: the history of completed jobs installed, --passes drains
//                                            each without recording (RecordHistory = false) and with, alternating,
//                                            then the median of each and what recording costs
//   --passes N                               history mode: drains of each kind; default 3
//   --strategy Batched|SchemaFunctions       fetch strategy for drain, latency, sustained; default: both (sustained: Batched)
//   --concurrency N                          worker concurrency; default 8 (sustained: 32)
//   --local-queue N                          JobsWorkerOptions.LocalQueueSize; default: the worker's own
//   --jobs N                                 jobs per measurement; default 10,000 (sustained: 1,000,000)
//   --json                                   one JSON line per measurement instead of the table
//   --shape installer|pgpm016|pgpm016-indexed|upstream047|upstream047-indexed
//                                            the schema: our installer's (default); the genuine
//                                            @pgpm/database-jobs 0.16.0 as deployed (npm pack); the 0.47-shaped
//                                            schema; "-indexed": with the indexes `jobs migrate --check` prints
// The server is JOBS_DATABASE_URL when set, else a throwaway local cluster with PostgreSQL's durable
// defaults (fsync, synchronous_commit and full_page_writes on). Each run creates its own database.
var mode = Arg("--mode");
FetchStrategy[] strategies = Arg("--strategy") is { } s ? [Enum.Parse<FetchStrategy>(s, ignoreCase: true)]
    : mode == "sustained" ? [FetchStrategy.Batched] : [FetchStrategy.Batched, FetchStrategy.SchemaFunctions];
var concurrency = IntArg("--concurrency") ?? (mode == "sustained" ? 32 : 8);
var localQueue = IntArg("--local-queue");
var jobCount = IntArg("--jobs") ?? (mode == "sustained" ? 1_000_000 : 10_000);
var json = Environment.GetCommandLineArgs().Contains("--json");
var kept = IntArg("--kept") ?? 1_000_000;
var shapeName = Arg("--shape") ?? "installer";
if (shapeName is not ("installer" or "pgpm016" or "pgpm016-indexed" or "upstream047" or "upstream047-indexed"))
{
    Console.Error.WriteLine($"Unknown --shape {shapeName}: use installer, pgpm016, pgpm016-indexed, upstream047 or upstream047-indexed.");
    return 2;
}
long keptUpToId = 0;
var passes = IntArg("--passes") ?? 3;
if (mode is not (null or "drain" or "enqueue" or "latency" or "sustained" or "scale" or "history"))
{
    Console.Error.WriteLine($"Unknown --mode {mode}: use drain, enqueue, latency, sustained, scale or history.");
    return 2;
}

var (startedServer, origin) = await BenchmarkServer.StartAsync();
await using var server = startedServer;
var databaseName = "jobs_bench_" + Environment.ProcessId;
var connectionString = await BenchmarkServer.CreateDatabaseAsync(server, databaseName, maxPoolSize: 200);
await using var dataSource = JobsDataSource.Create(connectionString);
await InstallSchemaAsync();
var shape = await SchemaShapeReader.ReadAsync(dataSource);
// 0.47's add_job asserts attribution; elsewhere the client ignores it.
var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid(), Attribution = new JobAttribution { ActorId = Guid.NewGuid() } });
var payload = """{"to":"ada@example.com","subject":"hello"}"""u8.ToArray();
var fetches = new FetchRecorder();

// What a commit costs decides every figure below, so the settings go first.
var settings = await ReadSettingsAsync();
if (json)
{
    Emit(new Dictionary<string, object?> { ["metric"] = "settings", ["server"] = origin, ["cores"] = Environment.ProcessorCount, ["shape"] = shapeName }.Concat(settings));
}
else
{
    Console.WriteLine($"PostgreSQL {settings["server_version"]} ({origin}): {string.Join(", ", settings.Where(p => p.Key != "server_version").Select(p => $"{p.Key}={p.Value}"))}");
    Console.WriteLine($"schema: {shape.Describe()}{(shape.MissingIndexes.Count == 0 ? "" : "; missing " + string.Join(", ", shape.MissingIndexes.Select(i => i.Name)))}");
    Console.WriteLine($"{jobCount:N0} jobs; concurrency {concurrency}; local queue {localQueue?.ToString(CultureInfo.InvariantCulture) ?? "default"}; {Environment.ProcessorCount} cores");
    Console.WriteLine();
    Console.WriteLine("| measurement | result |");
    Console.WriteLine("|---|---|");
}

if (mode is null or "enqueue")
{
    await MeasureEnqueueAsync();
}
if (mode is null or "drain")
{
    foreach (var strategy in strategies)
    {
        await MeasureDrainAsync(strategy);
    }
}
if (mode is null or "latency")
{
    foreach (var strategy in strategies)
    {
        await MeasureLatencyAsync(strategy);
    }
}
if (mode is "scale")
{
    foreach (var strategy in strategies)
    {
        await MeasureDrainAsync(strategy, "empty table");
    }
    await FillKeptRowsAsync();
    foreach (var strategy in strategies)
    {
        await MeasureDrainAsync(strategy, $"beside {kept:N0} kept rows");
    }
}
if (mode is "sustained")
{
    await MeasureSustainedAsync(strategies[0]);
}
if (mode is "history")
{
    await new HistoryInstaller(dataSource).InstallAsync();
    foreach (var strategy in strategies)
    {
        await MeasureHistoryCostAsync(strategy);
    }
}

await dataSource.DisposeAsync();
await using (var admin = new NpgsqlConnection(server.ConnectionString))
{
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}
return 0;

async Task InstallSchemaAsync()
{
    switch (shapeName)
    {
        case "installer":
            await new SchemaInstaller(dataSource).InstallAsync();
            break;
        case "upstream047" or "upstream047-indexed":
            await using (var install = dataSource.CreateCommand(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Upstream047Schema.sql"))))
            {
                await install.ExecuteNonQueryAsync();
            }
            break;
        default:
            await PgpmDatabaseJobs.DeployAsync(connectionString);
            break;
    }
    if (shapeName.EndsWith("-indexed", StringComparison.Ordinal))
    {
        foreach (var index in (await SchemaShapeReader.ReadAsync(dataSource)).MissingIndexes)
        {
            await using var create = dataSource.CreateCommand(index.Sql);
            await create.ExecuteNonQueryAsync();
        }
    }
}

// Keyless EnqueueMany of all jobs in one call; the same with keys; then one job per round trip.
// Each path is warmed first (40 calls of 1,000 jobs, then a pause): .NET compiles a method in
// stages, the optimised one after 30 calls and in the background, and the figures are of a
// service that has run a while, not of its first calls. graphile-worker's addJobs is warmed too,
// and pgbench's ceiling runs many transactions.
async Task MeasureEnqueueAsync()
{
    for (var round = 0; round < 40; round++)
    {
        await client.EnqueueManyAsync(Enumerable.Range(0, 1_000).Select(_ => new JobRequest("noop", payload)));
        await client.EnqueueManyAsync(Enumerable.Range(0, 1_000).Select(i => new JobRequest("noop", payload, new EnqueueOptions { Key = "warm" + i })));
        await client.EnqueueAsync("noop", payload);
        await TruncateAsync();
    }
    await Task.Delay(TimeSpan.FromSeconds(1));

    var clock = Stopwatch.StartNew();
    await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(_ => new JobRequest("noop", payload)));
    Rate("Jobs EnqueueMany, one call", "enqueue", jobCount, clock.Elapsed);
    await TruncateAsync();

    clock.Restart();
    await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(i => new JobRequest("noop", payload, new EnqueueOptions { Key = "k" + i })));
    Rate("Jobs EnqueueMany with keys, one call", "enqueue", jobCount, clock.Elapsed);
    await TruncateAsync();

    var singles = Math.Min(jobCount, 2_000);
    clock.Restart();
    for (var i = 0; i < singles; i++)
    {
        await client.EnqueueAsync("noop", payload);
    }
    Rate("Jobs Enqueue, one at a time", "enqueue", singles, clock.Elapsed);
    await TruncateAsync();
}

// All jobs are in the table before the worker starts; the clock stops when the table is empty.
async Task MeasureDrainAsync(FetchStrategy strategy, string? table = null)
{
    var elapsed = await DrainOnceAsync(WorkerOptions(strategy, TimeSpan.FromMinutes(1)));
    Rate(table is null ? SystemName(strategy) : $"{SystemName(strategy)}, {table}", "drain", jobCount, elapsed, fetches.ToString(), strategy);
}

// Enqueues --jobs no-op jobs, then times one worker with these options from its start until the table is empty.
async Task<TimeSpan> DrainOnceAsync(JobsWorkerOptions options)
{
    await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(_ => new JobRequest("noop", payload)));
    var dispatcher = new NoopDispatcher(jobCount);
    fetches.Reset();
    using var stop = new CancellationTokenSource();
    var worker = new JobsWorker(dataSource, [dispatcher], options);
    var clock = Stopwatch.StartNew();
    var run = worker.RunAsync(stop.Token);
    await WaitUntilDrainedAsync(dispatcher);
    var elapsed = clock.Elapsed;
    await stop.CancelAsync();
    await run;
    return elapsed;
}

// Drains with the history installed, without recording and with, in the order ABBA BAAB... so a
// trend over the run (the server warming up, the history growing by --jobs per recorded drain)
// weighs on both alike. One drain first warms the process and the server and is not counted, and
// each drain starts from a vacuumed table: the dead rows of the one before would otherwise slow
// whichever comes next. The medians and the cost of recording go last.
async Task MeasureHistoryCostAsync(FetchStrategy strategy)
{
    var rates = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
    for (var pass = -1; pass < passes; pass++)
    {
        foreach (var record in pass < 0 ? [false] : pass % 2 == 0 ? new[] { false, true } : [true, false])
        {
            await using (var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) app_jobs.jobs, app_jobs.job_queues"))
            {
                await vacuum.ExecuteNonQueryAsync();
            }
            var options = WorkerOptions(strategy, TimeSpan.FromMinutes(1));
            options.RecordHistory = record;
            var elapsed = await DrainOnceAsync(options);
            if (pass < 0)
            {
                Rate($"{SystemName(strategy)}, warm-up (not counted)", "drain", jobCount, elapsed, fetches.ToString(), strategy);
                continue;
            }
            rates[record].Add(jobCount / elapsed.TotalSeconds);
            Rate($"{SystemName(strategy)}, history {(record ? "recorded" : "not recorded")}, pass {pass + 1}", "drain", jobCount, elapsed, fetches.ToString(), strategy);
        }
    }
    var (without, with) = (Median(rates[false]), Median(rates[true]));
    var cost = 1 - with / without;
    if (json)
    {
        Emit(new Dictionary<string, object?>
        {
            ["system"] = SystemName(strategy), ["metric"] = "history cost", ["jobs"] = jobCount, ["passes"] = passes,
            ["withoutPerSecond"] = Math.Round(without), ["withPerSecond"] = Math.Round(with), ["cost"] = Math.Round(cost, 3),
        });
    }
    else
    {
        Row($"{SystemName(strategy)}: drain {jobCount:N0} no-op jobs, median of {passes}", $"{without:N0} jobs/s without recording, {with:N0} jobs/s recording: {cost:P1} slower");
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

// The rows a long-lived deployment keeps: permanently failed jobs (app_jobs keeps them forever)
// and jobs due later. Written server-side in one statement, then analyzed, as autovacuum would.
async Task FillKeptRowsAsync()
{
    await using var fill = dataSource.CreateCommand("""
        INSERT INTO app_jobs.jobs (database_id, task_identifier, payload, queue_name, run_at, attempts, max_attempts, priority, last_error)
        SELECT gen_random_uuid(), 'noop', '{}', NULL,
               CASE WHEN i % 10 = 0 THEN now() + interval '1 day' + i * interval '1 second' ELSE now() - interval '1 day' END,
               CASE WHEN i % 10 = 0 THEN 0 ELSE 25 END, 25, 0,
               CASE WHEN i % 10 = 0 THEN NULL ELSE 'failed for good' END
          FROM generate_series(1, $1) AS i
        """);
    fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = kept });
    fill.CommandTimeout = 600;
    await fill.ExecuteNonQueryAsync();
    await using (var analyze = dataSource.CreateCommand("ANALYZE app_jobs.jobs"))
    {
        await analyze.ExecuteNonQueryAsync();
    }
    await using var last = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM app_jobs.jobs");
    keptUpToId = (long)(await last.ExecuteScalarAsync())!;
}

// An idle worker (nothing to poll for: 60 s poll, LISTEN/NOTIFY wakes it); one job at a time,
// from the enqueue call until the handler starts. The next job waits until the table is empty,
// so every probe meets an idle worker.
async Task MeasureLatencyAsync(FetchStrategy strategy)
{
    const int probes = 200;
    var dispatcher = new NoopDispatcher(int.MaxValue);
    using var stop = new CancellationTokenSource();
    var worker = new JobsWorker(dataSource, [dispatcher], WorkerOptions(strategy, TimeSpan.FromMinutes(1)));
    var run = worker.RunAsync(stop.Token);
    while (!worker.Health.ListenerConnected || worker.Health.LastSuccessfulFetch is null)
    {
        await Task.Delay(5);
    }
    var latencies = new List<double>();
    for (var i = 0; i < probes; i++)
    {
        var started = dispatcher.NextStart();
        var sent = Stopwatch.GetTimestamp();
        await client.EnqueueAsync("noop", payload);
        await started;
        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        while (await CountAsync() > 0)
        {
            await Task.Delay(1);
        }
    }
    await stop.CancelAsync();
    await run;
    latencies.Sort();
    double Percentile(double q) => latencies[(int)Math.Ceiling(q * latencies.Count) - 1]; // nearest rank
    var system = $"Jobs {strategy}";
    if (json)
    {
        Emit(new Dictionary<string, object?>
        {
            ["system"] = system, ["metric"] = "latency", ["strategy"] = strategy.ToString(), ["jobs"] = probes,
            ["p50Ms"] = Round(Percentile(0.50)), ["p95Ms"] = Round(Percentile(0.95)), ["p99Ms"] = Round(Percentile(0.99)), ["maxMs"] = Round(latencies[^1]),
        });
    }
    else
    {
        Row($"{system}: enqueue-to-start latency, idle worker ({probes} jobs, poll 60 s, LISTEN)",
            $"p50 {Percentile(0.50):N1} ms, p95 {Percentile(0.95):N1} ms, p99 {Percentile(0.99):N1} ms, max {latencies[^1]:N1} ms");
    }
}

// A long drain of a big backlog: does the rate hold while dead rows pile up and autovacuum runs?
// Jobs are counted as the dispatcher starts them, sampled once a second.
async Task MeasureSustainedAsync(FetchStrategy strategy)
{
    const int chunk = 50_000;
    var clock = Stopwatch.StartNew();
    for (var done = 0; done < jobCount; done += chunk)
    {
        await client.EnqueueManyAsync(Enumerable.Range(0, Math.Min(chunk, jobCount - done)).Select(_ => new JobRequest("noop", payload)));
    }
    Rate($"Jobs EnqueueMany, {chunk:N0} per call", "enqueue", jobCount, clock.Elapsed);

    var dispatcher = new NoopDispatcher(jobCount);
    using var stop = new CancellationTokenSource();
    var worker = new JobsWorker(dataSource, [dispatcher], WorkerOptions(strategy, TimeSpan.FromMinutes(1)));
    clock.Restart();
    var run = worker.RunAsync(stop.Token);
    var perSecond = new List<long>();
    using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
    {
        var previous = 0L;
        while (await timer.WaitForNextTickAsync())
        {
            var now = dispatcher.Started;
            if (now >= jobCount)
            {
                break; // the backlog ran out within this second: not a full second of work
            }
            perSecond.Add(now - previous);
            previous = now;
            if (!json && perSecond.Count % 10 == 0)
            {
                Console.Error.WriteLine($"  {perSecond.Count,4} s: {perSecond.TakeLast(10).Average():N0} jobs/s over the last 10 s; {jobCount - now:N0} to go");
            }
        }
    }
    await WaitUntilDrainedAsync(dispatcher);
    var elapsed = clock.Elapsed;
    await stop.CancelAsync();
    await run;

    var sorted = perSecond.Order().ToList();
    var median = sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
    var window = Math.Min(10, perSecond.Count);
    var lowestWindow = window == 0 ? 0 : Enumerable.Range(0, perSecond.Count - window + 1).Min(i => perSecond.Skip(i).Take(window).Average());
    var ratio = median == 0 ? 0 : lowestWindow / median;
    var table = await TableStatisticsAsync();
    var system = SystemName(strategy);
    if (json)
    {
        Emit(new Dictionary<string, object?>
        {
            ["system"] = system, ["metric"] = "sustained", ["strategy"] = strategy.ToString(), ["jobs"] = jobCount,
            ["seconds"] = Round(elapsed.TotalSeconds), ["jobsPerSecond"] = Math.Round(jobCount / elapsed.TotalSeconds),
            ["medianPerSecond"] = median, ["lowest10sWindow"] = Math.Round(lowestWindow), ["lowestWindowToMedian"] = Math.Round(ratio, 3),
            ["perSecond"] = perSecond,
        }.Concat(table));
    }
    else
    {
        Row($"{system}: drain {jobCount:N0} no-op jobs, overall", $"{jobCount / elapsed.TotalSeconds:N0} jobs/s ({elapsed.TotalSeconds:N1} s)");
        Row($"{system}: median of {perSecond.Count} whole seconds", $"{median:N0} jobs/s");
        Row($"{system}: lowest {window}-second window", $"{lowestWindow:N0} jobs/s");
        Row($"{system}: lowest window / median (target ≥ 0.5)", $"{ratio:N2}{(ratio >= 0.5 ? "" : " (below target)")}");
        Row("app_jobs.jobs at the end (pg_stat_user_tables)", string.Join(", ", table.Select(p => $"{p.Key} {p.Value}")));
        Row("per-10-second averages (jobs/s)", string.Join(" ", perSecond.Chunk(10).Select(c => c.Average().ToString("N0", CultureInfo.InvariantCulture))));
    }
}

JobsWorkerOptions WorkerOptions(FetchStrategy strategy, TimeSpan pollInterval) => new()
{
    Concurrency = concurrency,
    FetchStrategy = strategy,
    LocalQueueSize = localQueue,
    PollInterval = pollInterval,
};

string SystemName(FetchStrategy strategy) =>
    $"Jobs {strategy} c{concurrency}" + (localQueue is { } size ? $" local queue {size}" : "");

// Counting finished jobs by polling count(*) would load the server the worker is measured on,
// so the dispatcher counts starts; only the last completions are awaited by polling.
async Task WaitUntilDrainedAsync(NoopDispatcher dispatcher)
{
    await dispatcher.AllStarted;
    while (await CountAsync() > 0)
    {
        await Task.Delay(2);
    }
}

async Task<Dictionary<string, object?>> ReadSettingsAsync()
{
    var result = new Dictionary<string, object?>();
    foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections" })
    {
        await using var command = dataSource.CreateCommand($"SHOW {name}");
        result[name] = await command.ExecuteScalarAsync();
    }
    return result;
}

// A backend reports its table statistics when it goes idle or exits, not at each commit: close
// the worker's pooled connections, then read until every deletion is counted (10 s at most).
async Task<Dictionary<string, object?>> TableStatisticsAsync()
{
    dataSource.Clear();
    var result = new Dictionary<string, object?>();
    var deadline = Stopwatch.StartNew();
    do
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT n_live_tup, n_dead_tup, n_tup_del, autovacuum_count, autoanalyze_count, vacuum_count, last_autovacuum
            FROM pg_stat_user_tables WHERE schemaname = 'app_jobs' AND relname = 'jobs'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                result[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) is DateTime t ? t.ToString("O", CultureInfo.InvariantCulture) : reader.GetValue(i);
            }
        }
        if (result.GetValueOrDefault("n_tup_del") is long deleted && deleted >= jobCount)
        {
            break;
        }
        await Task.Delay(200);
    }
    while (deadline.Elapsed < TimeSpan.FromSeconds(10));
    return result;
}

async Task TruncateAsync()
{
    await using var command = dataSource.CreateCommand("TRUNCATE app_jobs.jobs, app_jobs.job_queues");
    await command.ExecuteNonQueryAsync();
}

// Jobs not yet completed, kept rows aside: those are all older than the jobs being drained, so a
// range of the primary key counts without reading them.
async Task<long> CountAsync()
{
    await using var command = dataSource.CreateCommand("SELECT count(*) FROM app_jobs.jobs WHERE id > $1");
    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = keptUpToId });
    return (long)(await command.ExecuteScalarAsync())!;
}

void Rate(string system, string metric, int jobs, TimeSpan elapsed, string? detail = null, FetchStrategy? strategy = null)
{
    if (json)
    {
        var line = new Dictionary<string, object?>
        {
            ["system"] = system, ["metric"] = metric, ["jobs"] = jobs,
            ["seconds"] = Round(elapsed.TotalSeconds), ["jobsPerSecond"] = Math.Round(jobs / elapsed.TotalSeconds),
        };
        if (detail is not null)
        {
            line["detail"] = detail;
        }
        if (strategy is { } fetchStrategy)
        {
            line["strategy"] = fetchStrategy.ToString();
            line["concurrency"] = concurrency;
            line["localQueue"] = localQueue;
        }
        Emit(line);
    }
    else
    {
        Row($"{system}: {metric} {jobs:N0} no-op jobs", $"{jobs / elapsed.TotalSeconds:N0} jobs/s ({elapsed.TotalSeconds:N2} s{(detail is null ? "" : "; " + detail)})");
    }
}

static double Round(double value) => Math.Round(value, 3);

// Relaxed escaping keeps "15.18 (Debian 15.18-0+deb12u1)" readable; the lines go to a terminal or a file, never into HTML.
static void Emit(IEnumerable<KeyValuePair<string, object?>> line) =>
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>(line), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

static void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");

static string? Arg(string name)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int? IntArg(string name) => Arg(name) is { } value ? int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : null;

/// <summary>Does nothing; counts starts, and lets the latency probe await the next job's start.</summary>
internal sealed class NoopDispatcher(int expected) : IJobDispatcher
{
    private readonly TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _started;

    public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor("noop")];

    /// <summary>Jobs started so far.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Completes once the expected number of jobs has started.</summary>
    public Task AllStarted => _allStarted.Task;

    public Task NextStart()
    {
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _started) >= expected)
        {
            _allStarted.TrySetResult();
        }
        _next.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Listens to the worker's fetch metrics: how many round trips, how many jobs each.</summary>
internal sealed class FetchRecorder
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly List<double> _durations = [];
    private long _fetches, _jobs;
    private double _seconds;

    public FetchRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == JobsTelemetry.Name && instrument.Name.StartsWith("jobs.fetch.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => { Interlocked.Increment(ref _fetches); Interlocked.Add(ref _jobs, value); });
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (_durations) { _seconds += value; _durations.Add(value); } });
        _listener.Start();
    }

    public void Reset()
    {
        _fetches = 0;
        _jobs = 0;
        lock (_durations)
        {
            _seconds = 0;
            _durations.Clear();
        }
    }

    private double Percentile(double p)
    {
        lock (_durations)
        {
            if (_durations.Count == 0)
            {
                return 0;
            }
            var sorted = _durations.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }

    public override string ToString() =>
        $"{_fetches} fetches, {(double)_jobs / Math.Max(1, _fetches):N1} jobs and {_seconds * 1000 / Math.Max(1, _fetches):N2} ms each, p50 {Percentile(0.5) * 1000:N2} ms, p99 {Percentile(0.99) * 1000:N2} ms";
}
