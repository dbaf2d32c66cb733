// A worker host: the generic host runs the Jobs worker until Ctrl+C / SIGTERM, then stops it
// cleanly (running jobs finish within the grace period, the rest are released).
//
//   WorkerSample                   run the worker (default)
//   WorkerSample migrate            install or upgrade the app_jobs schema
//   WorkerSample enqueue <count>    enqueue <count> demo jobs of each task
//   WorkerSample drain <count>      run until <count> jobs were handled and none of ours are left;
//                                exit 0, else 1 after --timeout seconds (default 120)
//
// The connection string comes from JOBS_DATABASE_URL, else ConnectionStrings:Jobs in
// appsettings.json; the rest of the configuration from the "Jobs" section.

using Jobs;
using Jobs.Hosting;
using Jobs.Schema;
using WorkerSample;

var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "run";
// appsettings.json sits beside the binary, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var connectionString = Environment.GetEnvironmentVariable("JOBS_DATABASE_URL") is { Length: > 0 } url
    ? url
    : builder.Configuration.GetConnectionString("Jobs")
      ?? throw new InvalidOperationException("Set JOBS_DATABASE_URL or ConnectionStrings:Jobs.");

builder.Services
    .AddJobs(connectionString)
    .Configure<JobsClientOptions>(builder.Configuration.GetSection("Jobs"))
    .Configure<JobsWorkerOptions>(builder.Configuration.GetSection("Jobs:Worker"))
    .AddSingleton<ProcessedJobs>()
    .AddWorkerSampleJobHandlers()          // generated from this assembly's [JobTask] classes
    .AddJobsWorker()
    .AddHostedService<HealthReporter>()
    .AddHealthChecks()
    .AddCheck<JobsWorkerHealthCheck>("jobs-worker");

using var host = builder.Build();
var jobs = host.Services.GetRequiredService<JobsClient>();

try
{
    switch (command)
    {
        case "run":
            await host.RunAsync();
            return 0;

        case "migrate":
            await using (var dataSource = JobsDataSource.Create(connectionString))
            {
                Console.WriteLine((await new SchemaInstaller(dataSource).InstallAsync()).Describe());
            }
            return 0;

        case "enqueue":
            var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            await jobs.EnqueueManyGenerateReportAsync(Enumerable.Range(0, count).Select(i =>
                new ReportRequest(Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31).AddDays(-(i % 28)), ["summary", "invoices"])));
            await jobs.EnqueueManySendNotificationAsync(Enumerable.Range(0, count).Select(i =>
                new Notification($"user{i}@example.com", "welcome", new() { ["name"] = $"User {i}" }, i % 3 == 0 ? i : null)));
            Console.WriteLine($"enqueued {2 * count} jobs");
            return 0;

        case "drain":
            return await DrainAsync(host, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), TimeoutFrom(args));

        default:
            Console.Error.WriteLine($"WorkerSample: unknown command '{command}'; use run, migrate, enqueue <count> or drain <count>");
            return 2;
    }
}
catch (Npgsql.NpgsqlException ex)
{
    // A wrong password or an unreachable server is an operator's everyday mistake: one clear
    // line, not a stack trace and an abort.
    Console.Error.WriteLine($"WorkerSample: the database could not be used: {ex.Message}");
    return 1;
}

// Runs the host until the expected jobs were handled and none of this worker's tasks remain in
// the table (done, not failed), then stops it. Prints what an operator wants to know about a run.
static async Task<int> DrainAsync(IHost host, int expected, TimeSpan timeout)
{
    var processed = host.Services.GetRequiredService<ProcessedJobs>();
    var admin = host.Services.GetRequiredService<JobsAdmin>();
    var worker = host.Services.GetRequiredService<JobsWorker>();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await host.StartAsync();
    var drained = false;
    while (clock.Elapsed < timeout)
    {
        if (processed.Count >= expected && await NoneLeftAsync(admin, worker.TaskNames))
        {
            drained = true;
            break;
        }
        await Task.Delay(50);
    }
    await host.StopAsync();
    using var self = System.Diagnostics.Process.GetCurrentProcess();
    Console.WriteLine($"handled {processed.Count} of {expected} jobs in {clock.Elapsed.TotalMilliseconds:N0} ms; " +
        $"first job {processed.FirstJobAfterStart?.TotalMilliseconds:N0} ms after process start; " +
        $"peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MiB");
    if (!drained)
    {
        Console.Error.WriteLine($"WorkerSample: not drained within {timeout}: {processed.Count} of {expected} handled");
        return 1;
    }
    return 0;
}

static async Task<bool> NoneLeftAsync(JobsAdmin admin, IReadOnlyCollection<string> tasks)
{
    foreach (var task in tasks)
    {
        if ((await admin.ListAsync(new JobListFilter { TaskIdentifier = task, Limit = 1 })).Count > 0)
        {
            return false;
        }
    }
    return true;
}

static TimeSpan TimeoutFrom(string[] args)
{
    var index = Array.IndexOf(args, "--timeout");
    return TimeSpan.FromSeconds(index >= 0 ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : 120);
}
