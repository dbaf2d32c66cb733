using Jobs.Hosting;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// A stop fits its budget even with the database gone: the hosted worker returns without an
/// exception (one would crash the process on its way out), logs an error saying what was given up,
/// and the jobs whose results were never written run again once their locks expire.
/// </summary>
public abstract class ShutdownBudgetTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const int WritesAbandonedEvent = 5;

    private const string WorkerApplication = "shutdown-budget-worker";

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_host_that_stops_waiting_ends_the_worker_cleanly_with_the_database_down_and_the_jobs_run_again_after_expiry(FetchStrategy strategy)
    {
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest("held", default)));
        var (dispatcher, allStarted, release) = HeldHandlers(3);
        var logs = new RecordingLoggerFactory();
        await using var provider = Services(logs, dispatcher, o =>
        {
            o.FetchStrategy = strategy;
            o.ShutdownGracePeriod = TimeSpan.FromSeconds(1);
            o.ShutdownTimeout = TimeSpan.FromMinutes(1);
        });
        var hosted = provider.GetServices<IHostedService>().OfType<JobsWorkerService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        await allStarted.WaitAsync(TimeSpan.FromSeconds(60));

        await using (await DatabaseDownAsync())
        {
            release.TrySetResult(); // the three results now wait for a database that does not answer
            using var hostGivesUp = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await hosted.StopAsync(hostGivesUp.Token); // the host's ShutdownTimeout, shorter than the worker's own

            var abandoned = await logs.WaitForAsync(e => e.EventId == WritesAbandonedEvent, "the worker to log what it gave up");
            Assert.Equal(LogLevel.Error, abandoned.Level);
            Assert.Contains("3 job(s) still held", abandoned.Message);
            await Eventually.TrueAsync(() => Task.FromResult(!hosted.Worker.Health.IsRunning), "the worker to finish stopping");
        }

        await RunAgainAfterExpiryAsync(jobs, strategy);
    }

    [Fact]
    public async Task A_worker_gives_up_its_final_writes_at_its_own_shutdown_timeout()
    {
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, 2).Select(_ => new JobRequest("held", default)));
        var (dispatcher, allStarted, release) = HeldHandlers(2);
        var logs = new RecordingLoggerFactory();
        await using var provider = Services(logs, dispatcher, o =>
        {
            o.ShutdownGracePeriod = TimeSpan.Zero;
            o.ShutdownTimeout = JobsWorkerOptions.ShutdownReserve;
        });
        var hosted = provider.GetServices<IHostedService>().OfType<JobsWorkerService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        await allStarted.WaitAsync(TimeSpan.FromSeconds(60));

        await using (await DatabaseDownAsync())
        {
            release.TrySetResult();
            await hosted.StopAsync(CancellationToken.None); // a host that would wait for ever

            Assert.False(hosted.Worker.Health.IsRunning);
            Assert.Contains("2 job(s) still held", Assert.Single(logs.WithEvent(WritesAbandonedEvent)).Message);
        }

        await RunAgainAfterExpiryAsync(jobs, FetchStrategy.Batched);
    }

    [Fact]
    public void A_grace_period_that_leaves_no_room_for_the_final_writes_is_refused_at_start_up()
    {
        var options = new JobsWorkerOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(30) };

        var error = Assert.Throws<ArgumentException>(() => new JobsWorker(DataSource, [new TestDispatcher().Handle("held", (_, _) => Task.CompletedTask)], options));

        Assert.Contains("ShutdownGracePeriod (00:00:30) must leave 10 s of ShutdownTimeout (00:00:30)", error.Message);
        Assert.Contains("HostOptions.ShutdownTimeout", error.Message);
    }

    /// <summary>Handlers whose first attempt records itself, then waits to be released.</summary>
    private (TestDispatcher Dispatcher, Task AllStarted, TaskCompletionSource Release) HeldHandlers(int count)
    {
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("held", async (context, _) =>
        {
            await RecordExecutionAsync(context, DateTimeOffset.UtcNow);
            if (context.Attempt == 1)
            {
                if (Interlocked.Increment(ref started) == count)
                {
                    allStarted.TrySetResult();
                }
                await release.Task;
            }
        });
        return (dispatcher, allStarted.Task, release);
    }

    private ServiceProvider Services(RecordingLoggerFactory logs, TestDispatcher dispatcher, Action<JobsWorkerOptions> configure) =>
        new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddJobs(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = WorkerApplication }.ConnectionString,
                o => { o.DatabaseId = DatabaseId; o.Attribution = TestActor; })
            .AddJobDispatcher(dispatcher)
            .AddJobsWorker(o =>
            {
                o.Concurrency = 4;
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                configure(o);
            })
            .BuildServiceProvider();

    /// <summary>
    /// The database as the worker sees it in an outage: its connections cut and new ones refused,
    /// until disposed. The test's own pooled connections stay.
    /// </summary>
    private async Task<IAsyncDisposable> DatabaseDownAsync()
    {
        var name = await ScalarAsync<string>("SELECT current_database()");
        await OnMaintenanceDatabaseAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", WorkerApplication);
        return new Restore(() => OnMaintenanceDatabaseAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
    }

    /// <summary>Runs <paramref name="sql"/> from the server's postgres database: PostgreSQL refuses to close the current one to connections.</summary>
    private async Task OnMaintenanceDatabaseAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another worker takes the jobs once their locks expire; each ran exactly twice.</summary>
    private async Task RunAgainAfterExpiryAsync(IReadOnlyList<JobRow> jobs, FetchStrategy strategy)
    {
        foreach (var job in jobs)
        {
            var held = (await Admin.GetAsync(job.Id))!;
            Assert.NotNull(held.LockedBy); // never written: still locked by the stopped worker
            Assert.Equal(1, held.Attempts);
        }
        var (dispatcher, _, release) = HeldHandlers(int.MaxValue);
        release.TrySetResult();
        await using (new WorkerRun(Database.ConnectionString, dispatcher, new JobsWorkerOptions
        {
            FetchStrategy = strategy,
            JobExpiry = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromMilliseconds(200),
        }))
        {
            await WaitForNoJobsAsync();
        }
        foreach (var job in jobs)
        {
            Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE job_id = $1", job.Id));
        }
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

public sealed class ShutdownBudgetTestsOnInstaller(InstallerDatabase database) : ShutdownBudgetTests(database), IClassFixture<InstallerDatabase>;

public sealed class ShutdownBudgetTestsOnPgpm(PgpmDatabase database) : ShutdownBudgetTests(database), IClassFixture<PgpmDatabase>;

public sealed class ShutdownBudgetTestsOnUpstream047(Upstream047Database database) : ShutdownBudgetTests(database), IClassFixture<Upstream047Database>;
