using System.Diagnostics;
using System.Globalization;
using Jobs;
using Jobs.Benchmarking;
using Jobs.Dashboard;
using Jobs.Schema;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Usage: dotnet run -c Release --project benchmarks/Jobs.Dashboard.Bench [-- --jobs N] [--requests N]
// Fills app_jobs.jobs (our installer's schema) with --jobs rows (default 1,000,000) in mixed states,
// serves the dashboard on 127.0.0.1 and asks each page --requests times (default 100) one after
// another, after 5 unmeasured asks. Server time: from the request entering the app to its response
// written, measured by a middleware. The server is JOBS_DATABASE_URL when set, else a throwaway
// local cluster with PostgreSQL's durable defaults; either way the settings are printed first.
var jobCount = IntArg("--jobs") ?? 1_000_000;
var requests = IntArg("--requests") ?? 100;
var (startedServer, origin) = await BenchmarkServer.StartAsync();
await using var server = startedServer;
var connectionString = await BenchmarkServer.CreateDatabaseAsync(server, "jobs_dashboard_bench_" + Environment.ProcessId);
await using var dataSource = JobsDataSource.Create(connectionString);
await new SchemaInstaller(dataSource).InstallAsync();

var settings = new List<string>();
foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers" })
{
    await using var show = dataSource.CreateCommand($"SHOW {name}");
    settings.Add($"{name}={await show.ExecuteScalarAsync()}");
}
Console.WriteLine($"PostgreSQL ({origin}): {string.Join(", ", settings)}; {Environment.ProcessorCount} cores");

// Mixed states over 20 tasks, 10 named queues for a fifth of the jobs, two database ids:
// 40% ready, 20% scheduled, 2% running, 20% retrying, 18% failed permanently; payloads of a
// realistic size, with a customer id to search for.
var fill = Stopwatch.StartNew();
await using (var insert = dataSource.CreateCommand("""
    INSERT INTO app_jobs.jobs (database_id, queue_name, task_identifier, payload, priority, run_at, attempts, max_attempts, last_error, locked_at, locked_by)
    SELECT CASE WHEN i % 2 = 0 THEN '6f1f7a0e-3c1d-4b55-9d2e-8a1b2c3d4e5f'::uuid ELSE '1c9e2f4a-7b3d-4e5f-8a6b-0c1d2e3f4a5b'::uuid END,
           CASE WHEN i % 5 = 0 AND s NOT IN (2) THEN 'queue_' || (i % 10) END,
           'task_' || lpad((i % 20)::text, 2, '0'),
           json_build_object('customer', 'customer-' || (i % 50000), 'order', i, 'lines', json_build_array(json_build_object('sku', 'SKU-' || (i % 997), 'quantity', i % 7 + 1)), 'note', repeat('x', 40)),
           i % 3,
           CASE WHEN s = 1 THEN now() + (i % 86400) * interval '1 second' WHEN s = 3 THEN now() + (i % 3600) * interval '1 second' ELSE now() - (i % 86400) * interval '1 second' END,
           CASE WHEN s = 3 THEN 1 + i % 5 WHEN s = 4 THEN 25 WHEN s = 2 THEN 1 ELSE 0 END,
           25,
           CASE WHEN s IN (3, 4) THEN 'System.InvalidOperationException: upstream said no (' || (i % 13) || E')\n   at Shop.Handlers.Charge(Order order)\n   at Jobs.Worker.Run()' END,
           CASE WHEN s = 2 THEN now() - interval '30 seconds' END,
           CASE WHEN s = 2 THEN 'worker-' || (i % 8) END
      FROM (SELECT i, CASE WHEN i % 50 < 20 THEN 0 WHEN i % 50 < 30 THEN 1 WHEN i % 50 < 31 THEN 2 WHEN i % 50 < 41 THEN 3 ELSE 4 END AS s
              FROM generate_series(1, $1) AS i) AS g
    """))
{
    insert.CommandTimeout = 0;
    insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = jobCount });
    await insert.ExecuteNonQueryAsync();
}
await using (var analyze = dataSource.CreateCommand("VACUUM ANALYZE app_jobs.jobs"))
{
    analyze.CommandTimeout = 0;
    await analyze.ExecuteNonQueryAsync();
}
Console.WriteLine($"Filled {jobCount:N0} jobs in {fill.Elapsed.TotalSeconds:N0} s.");

var serverTimes = new Dictionary<string, List<double>>(StringComparer.Ordinal);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddJobs(connectionString);
builder.Services.AddJobsDashboard();
await using var app = builder.Build();
app.Use(async (context, next) =>
{
    var started = Stopwatch.GetTimestamp();
    await next(context);
    var key = context.Request.Path + context.Request.QueryString;
    lock (serverTimes)
    {
        (serverTimes.TryGetValue(key, out var list) ? list : serverTimes[key] = []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
});
app.MapJobsDashboard("/jobs");
// The same dashboard counting afresh for every request: what one overview count costs.
app.MapJobsDashboard("/fresh", options => options.OverviewMaxAge = TimeSpan.Zero);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) };

long someId;
await using (var pick = dataSource.CreateCommand("SELECT id FROM app_jobs.jobs WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1"))
{
    someId = (long)(await pick.ExecuteScalarAsync())!;
}
(string Name, string Path)[] pages =
[
    ("overview (shared count, OverviewMaxAge 2 s)", "jobs/"),
    ("overview (counted afresh every request)", "fresh/"),
    ("job list, first page, no filter", "jobs/jobs"),
    ("job list, failed of one task", "jobs/jobs?state=failed&task=task_07"),
    ("job list, retrying in one queue", "jobs/jobs?state=retrying&queue=queue_5"),
    ("job list, one database id, scheduled", "jobs/jobs?state=scheduled&database=6f1f7a0e-3c1d-4b55-9d2e-8a1b2c3d4e5f"),
    ("job list, text in payload or error", "jobs/jobs?text=customer-4711%22"),
    ("job detail", $"jobs/jobs/{someId}"),
];
Console.WriteLine();
Console.WriteLine($"| page | p50 ms | p95 ms | max ms | requests |");
Console.WriteLine($"|---|---|---|---|---|");
foreach (var (name, path) in pages)
{
    for (var i = 0; i < 5 + requests; i++)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await response.Content.ReadAsByteArrayAsync();
        if (i == 4)
        {
            lock (serverTimes)
            {
                serverTimes.Clear();
            }
        }
    }
    List<double> times;
    lock (serverTimes)
    {
        times = [.. serverTimes.Values.SelectMany(t => t).Order()];
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} (`/{path}`) | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} | {times.Count} |"));
}
await app.StopAsync();
return 0;

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

static int? IntArg(string name)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
}
