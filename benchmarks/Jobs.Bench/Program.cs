using System.Diagnostics;
using Jobs;
using Jobs.Schema;
using Jobs.Testing.Postgres;
using Npgsql;

// Usage: dotnet run -c Release --project benchmarks/Jobs.Bench [-- --jobs 10000 --concurrency 8]
// Uses JOBS_DATABASE_URL when set (the database is emptied!), else a throwaway local cluster.
var jobCount = ArgValue("--jobs", 10_000);
var concurrency = ArgValue("--concurrency", 8);

await using var server = Environment.GetEnvironmentVariable("JOBS_DATABASE_URL") is { Length: > 0 } url
    ? new ExternalPostgresServer(url)
    : await PostgresServerProvider.StartAsync();
var databaseName = "jobs_bench_" + Environment.ProcessId;
await using (var admin = new NpgsqlConnection(server.ConnectionString))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName}; CREATE DATABASE {databaseName}", admin);
    await create.ExecuteNonQueryAsync();
}
var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = databaseName }.ConnectionString;
await using var dataSource = JobsDataSource.Create(connectionString);
await new SchemaInstaller(dataSource).InstallAsync();
var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() });
var payload = """{"to":"ada@example.com","subject":"hello"}"""u8.ToArray();

Console.WriteLine($"PostgreSQL: {server.Origin}; {jobCount} jobs; concurrency {concurrency}; {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("|---|---|");

// Enqueue, one job per round trip.
var singles = Math.Min(jobCount, 2_000);
var clock = Stopwatch.StartNew();
for (var i = 0; i < singles; i++)
{
    await client.EnqueueAsync("noop", payload);
}
Row($"enqueue one at a time ({singles} jobs)", $"{singles / clock.Elapsed.TotalSeconds:N0} jobs/s");
await TruncateAsync();

// Enqueue many per round trip, without and with keys.
clock.Restart();
await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(_ => new JobRequest("noop", payload)));
Row($"enqueue many, one call ({jobCount} jobs)", $"{jobCount / clock.Elapsed.TotalSeconds:N0} jobs/s");
await TruncateAsync();
clock.Restart();
await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(i => new JobRequest("noop", payload, new EnqueueOptions { Key = "k" + i })));
Row($"enqueue many with keys, one call ({jobCount} jobs)", $"{jobCount / clock.Elapsed.TotalSeconds:N0} jobs/s");
await TruncateAsync();

var fetches = new FetchRecorder();
foreach (var strategy in new[] { FetchStrategy.Batched, FetchStrategy.SchemaFunctions })
{
    fetches.Reset();
    await client.EnqueueManyAsync(Enumerable.Range(0, jobCount).Select(_ => new JobRequest("noop", payload)));
    var dispatcher = new NoopDispatcher();
    using var stop = new CancellationTokenSource();
    var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { Concurrency = concurrency, FetchStrategy = strategy, PollInterval = TimeSpan.FromMinutes(1) });
    clock.Restart();
    var run = worker.RunAsync(stop.Token);
    while (await CountAsync() > 0)
    {
        await Task.Delay(5);
    }
    var elapsed = clock.Elapsed;
    await stop.CancelAsync();
    await run;
    Row($"drain {jobCount} no-op jobs, {strategy}", $"{jobCount / elapsed.TotalSeconds:N0} jobs/s ({elapsed.TotalSeconds:N2} s; {fetches})");
}

foreach (var strategy in new[] { FetchStrategy.Batched, FetchStrategy.SchemaFunctions })
{
    var dispatcher = new NoopDispatcher();
    using var stop = new CancellationTokenSource();
    var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { Concurrency = concurrency, FetchStrategy = strategy, PollInterval = TimeSpan.FromMinutes(1) });
    var run = worker.RunAsync(stop.Token);
    while (!worker.Health.ListenerConnected || worker.Health.LastSuccessfulFetch is null)
    {
        await Task.Delay(5);
    }
    var latencies = new List<double>();
    for (var i = 0; i < 100; i++)
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
    Row($"enqueue-to-start latency, idle worker, {strategy} (100 jobs, poll 60 s)",
        $"p50 {latencies[49]:N1} ms, p95 {latencies[94]:N1} ms, max {latencies[^1]:N1} ms");
}

await dataSource.DisposeAsync();
await using (var admin = new NpgsqlConnection(server.ConnectionString))
{
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}

async Task TruncateAsync()
{
    await using var command = dataSource.CreateCommand("TRUNCATE app_jobs.jobs, app_jobs.job_queues");
    await command.ExecuteNonQueryAsync();
}

async Task<long> CountAsync()
{
    await using var command = dataSource.CreateCommand("SELECT count(*) FROM app_jobs.jobs");
    return (long)(await command.ExecuteScalarAsync())!;
}

static void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");

static int ArgValue(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Does nothing, and lets the latency probe await the next job's start.</summary>
internal sealed class NoopDispatcher : IJobDispatcher
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor("noop")];

    public Task NextStart()
    {
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
    {
        _next.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Listens to the worker's fetch metrics: how many round trips, how many jobs each.</summary>
internal sealed class FetchRecorder
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
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
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (this) { _seconds += value; } });
        _listener.Start();
    }

    public void Reset()
    {
        _fetches = 0;
        _jobs = 0;
        _seconds = 0;
    }

    public override string ToString() =>
        $"{_fetches} fetches, {(double)_jobs / Math.Max(1, _fetches):N1} jobs and {_seconds * 1000 / Math.Max(1, _fetches):N2} ms each";
}
