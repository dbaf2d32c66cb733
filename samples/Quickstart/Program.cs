// Quickstart: typed background jobs on PostgreSQL.
//   dotnet run --project samples/Quickstart
// Uses the database in JOBS_DATABASE_URL when set; otherwise starts a throwaway PostgreSQL from
// the local binaries (or Docker) and deletes it on exit.

using Jobs;
using Jobs.Schema;
using Jobs.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quickstart;

var clock = System.Diagnostics.Stopwatch.StartNew();
await using var server = Environment.GetEnvironmentVariable("JOBS_DATABASE_URL") is { Length: > 0 } url
    ? new ExternalPostgresServer(url)
    : await PostgresServerProvider.StartAsync();
Console.WriteLine($"PostgreSQL: {server.Origin}");

// 1. The app_jobs schema: installed once, a no-op afterwards, and left alone when pgpm deployed it.
await using (var dataSource = JobsDataSource.Create(server.ConnectionString))
{
    Console.WriteLine((await new SchemaInstaller(dataSource).InstallAsync()).Describe());
}

// 2. Services: the client, this assembly's handlers (AddQuickstartJobHandlers is generated from
//    the [JobTask] classes: explicit types, no scanning), and the worker.
const int Thumbnails = 100;
var run = Guid.NewGuid();                     // the database_id (tenant) of this run's jobs
var progress = new DemoProgress(run, expected: 5 + Thumbnails);
await using var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error))
    .AddSingleton(progress)
    .AddJobs(server.ConnectionString, o => o.DatabaseId = run)
    .AddQuickstartJobHandlers()
    .AddJobsWorker(o => { o.Concurrency = 8; o.PollInterval = TimeSpan.FromMilliseconds(500); })
    .BuildServiceProvider();

// 3. Enqueue with the generated, typed methods.
var jobs = services.GetRequiredService<JobsClient>();
await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail("ada@example.com", "Ada"));
await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail("grace@example.com", "Grace"),
    new EnqueueOptions { Delay = TimeSpan.FromSeconds(1) });                     // runs a second later
await jobs.EnqueueCallWebhookAsync(new Webhook("https://example.com/hooks", "user.created"));
await jobs.EnqueueImportPhotosAsync(new PhotoImport("photos", Thumbnails));      // its handler enqueues the thumbnails

// 4. Or from SQL (a trigger, a function, another service): each task has a generated, typed
//    enqueue function, installed by the app as an explicit step; `jobs schema` prints its contract.
var jobsDataSource = services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(JobsServiceCollectionExtensions.JobsDataSourceKey);
await new JobSqlFunctionInstaller(jobsDataSource).InstallAsync(services.GetServices<IJobDispatcher>());
await using (var fromSql = jobsDataSource.CreateCommand(
    "SELECT id FROM app_jobs.add_send_welcome_email(\"to\" => 'linus@example.com', name => 'Linus', db_id => $1)"))
{
    fromSql.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = run });
    await fromSql.ExecuteScalarAsync();
}
Console.WriteLine($"enqueued 5 jobs, one of them from SQL (the import adds {Thumbnails} more); starting the worker");

// 5. Run the worker until the demo's jobs are done. In an application it is a hosted service:
//    Host.CreateApplicationBuilder(args) + AddJobsWorker() runs it for the host's lifetime.
var worker = services.GetRequiredService<JobsWorker>();
using var stop = new CancellationTokenSource();
var running = worker.RunAsync(stop.Token);
await progress.AllDone.WaitAsync(TimeSpan.FromMinutes(2));
await stop.CancelAsync();                                                       // clean shutdown
await running;
Console.WriteLine($"all {5 + Thumbnails} jobs done in {clock.Elapsed.TotalSeconds:N1} s");
