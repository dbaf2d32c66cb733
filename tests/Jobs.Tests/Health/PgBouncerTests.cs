using Jobs.Hosting;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Tests.Health;

/// <summary>
/// Behind Debian's PgBouncer in transaction pooling mode: with the data source marked
/// <see cref="JobsDataSourceOptions.BehindPooler"/> and the listener direct, jobs enqueued and
/// run through the pooler drain, NOTIFY wakes the worker, and it survives its connections being
/// terminated. LISTEN through the pooler is refused at start-up, or (unmarked) reported by health.
/// </summary>
public abstract class PgBouncerTests(SchemaDatabase database) : RuntimeTest(database)
{
    public static TheoryData<FetchStrategy> Strategies => new() { FetchStrategy.Batched, FetchStrategy.SchemaFunctions };

    [PgBouncerTheory]
    [MemberData(nameof(Strategies))]
    public async Task Through_pgbouncer_with_a_direct_listener_jobs_drain_and_NOTIFY_wakes_the_worker(FetchStrategy strategy)
    {
        await using var bouncer = await PgBouncer.StartAsync(Database.ConnectionString);
        await using var pooled = JobsDataSource.Create(bouncer.Rewrite(Database.ConnectionString), new JobsDataSourceOptions { BehindPooler = true });
        var client = new JobsClient(pooled, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor });
        using var started = new SemaphoreSlim(0);
        var dispatcher = new TestDispatcher()
            .Handle("pooled", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow))
            .Handle("woken", (_, _) =>
            {
                started.Release();
                return Task.CompletedTask;
            });
        // Enough jobs, both bulk paths (COPY and INSERT) and repeated fetches, so a prepared
        // statement would be reused on another server connection if auto-prepare were on.
        await client.EnqueueManyAsync(Enumerable.Range(0, 300).Select(_ => new JobRequest("pooled", default)));
        await client.EnqueueManyAsync(Enumerable.Range(0, 5).Select(_ => new JobRequest("pooled", default)));

        await using (var worker = new PooledWorker(pooled, dispatcher, Options(strategy)))
        {
            await worker.ReadyAsync();
            await WaitForNoJobsAsync(TimeSpan.FromSeconds(60));
            // The poll is 10 minutes away: a job starting now was woken by the direct listener.
            await client.EnqueueAsync("woken", default);
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(10)), "NOTIFY did not wake the worker");
            Assert.Equal(HealthStatus.Healthy, (await new JobsWorkerHealthCheck(worker.Worker).CheckHealthAsync(new HealthCheckContext())).Status);
        }
        Assert.Equal(305L, await ScalarAsync<long>("SELECT count(DISTINCT job_id) FROM public.executions"));
    }

    [PgBouncerTheory]
    [MemberData(nameof(Strategies))]
    public async Task Through_pgbouncer_a_worker_whose_connections_are_terminated_mid_drain_finishes_the_drain(FetchStrategy strategy)
    {
        await using var bouncer = await PgBouncer.StartAsync(Database.ConnectionString);
        await using var pooled = JobsDataSource.Create(bouncer.Rewrite(Database.ConnectionString), new JobsDataSourceOptions { BehindPooler = true });
        // Kept in memory: the terminations below end the test's own connections too, and a handler
        // failing on them would push its job into the retry backoff.
        var handledIds = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        using var started = new SemaphoreSlim(0);
        var dispatcher = new TestDispatcher()
            .Handle("pooled", (context, _) =>
            {
                handledIds[context.Id] = true;
                return Task.CompletedTask;
            })
            .Handle("woken", (_, _) =>
            {
                started.Release();
                return Task.CompletedTask;
            });
        await Client.EnqueueManyAsync(Enumerable.Range(0, 1_000).Select(_ => new JobRequest("pooled", default)));

        await using (var worker = new PooledWorker(pooled, dispatcher, Options(strategy)))
        {
            await Eventually.TrueAsync(() => Task.FromResult(handledIds.Count >= 100), "the drain to be under way");
            // Every server connection of PgBouncer, and the direct listener, ends mid-drain.
            await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            ForgetKilledConnections();
            await WaitForNoJobsAsync(TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => Task.FromResult(worker.Worker.Health.ListenerConnected), "the listener to reconnect", TimeSpan.FromSeconds(15));
            await Client.EnqueueAsync("woken", default);
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(10)), "NOTIFY did not wake the worker after the listener reconnected");
        }
        Assert.Equal(1_000, handledIds.Count);
    }

    [PgBouncerTheory]
    [MemberData(nameof(Strategies))]
    public async Task A_listener_through_pgbouncer_is_reported_as_receiving_nothing_while_polling_runs_the_jobs(FetchStrategy strategy)
    {
        await using var bouncer = await PgBouncer.StartAsync(Database.ConnectionString);
        // Not marked BehindPooler, so nothing refuses LISTEN up front: the delivery proof must catch it.
        await using var unmarked = JobsDataSource.Create(bouncer.Rewrite(Database.ConnectionString), new JobsDataSourceOptions { BehindPooler = false });
        var done = 0;
        var dispatcher = new TestDispatcher().Handle("polled", (_, _) =>
        {
            Interlocked.Increment(ref done);
            return Task.CompletedTask;
        });
        var options = new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 2, PollInterval = TimeSpan.FromMilliseconds(200), ListenerPingTimeout = TimeSpan.FromSeconds(1) };
        await using var worker = new PooledWorker(unmarked, dispatcher, options);
        var check = new JobsWorkerHealthCheck(worker.Worker);
        HealthCheckResult result = default;
        await Eventually.TrueAsync(async () =>
        {
            result = await check.CheckHealthAsync(new HealthCheckContext());
            // On a loaded machine an attempt may first time out as a whole; the retry then finds the cause.
            return result.Status == HealthStatus.Degraded && result.Description?.Contains("receives no notifications", StringComparison.Ordinal) == true;
        }, "health to report that the listener receives no notifications", TimeSpan.FromSeconds(30));
        Assert.Contains("ListenConnectionString", result.Description);
        Assert.False(worker.Worker.Health.ListenerConnected);

        await Client.EnqueueManyAsync(Enumerable.Range(0, 10).Select(_ => new JobRequest("polled", default)));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref done) == 10), "polling to run the jobs", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void LISTEN_through_a_pooler_is_refused_at_start_up_naming_the_remedy()
    {
        using var pooled = JobsDataSource.Create("Host=127.0.0.1;Port=6432", new JobsDataSourceOptions { BehindPooler = true });
        IJobDispatcher[] dispatchers = [new TestDispatcher().Handle("t", (_, _) => Task.CompletedTask)];

        var worker = Assert.Throws<InvalidOperationException>(() => new JobsWorker(pooled, dispatchers, new JobsWorkerOptions()));
        Assert.Contains("JobsWorkerOptions.ListenConnectionString", worker.Message);
        Assert.Contains("UseListenNotify = false", worker.Message);
        var scheduler = Assert.Throws<InvalidOperationException>(() => new JobsScheduler(pooled, new JobsSchedulerOptions()));
        Assert.Contains("JobsSchedulerOptions.ListenConnectionString", scheduler.Message);

        // Either remedy is accepted.
        _ = new JobsWorker(pooled, dispatchers, new JobsWorkerOptions { ListenConnectionString = "Host=127.0.0.1;Port=5432" });
        _ = new JobsWorker(pooled, dispatchers, new JobsWorkerOptions { UseListenNotify = false });
        _ = new JobsScheduler(pooled, new JobsSchedulerOptions { UseListenNotify = false });
    }

    [Fact]
    public void Behind_a_pooler_statements_are_not_prepared_unless_the_connection_string_asks()
    {
        Assert.Equal(32, JobsDataSource.CreateBuilder("Host=db").ConnectionStringBuilder.MaxAutoPrepare);
        var pooled = JobsDataSource.CreateBuilder("Host=pgbouncer", new JobsDataSourceOptions { BehindPooler = true }).ConnectionStringBuilder;
        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.True(pooled.NoResetOnClose);
        // PgBouncer 1.21+ with max_prepared_statements can carry them: the connection string decides.
        Assert.Equal(10, JobsDataSource.CreateBuilder("Host=pgbouncer;Max Auto Prepare=10", new JobsDataSourceOptions { BehindPooler = true }).ConnectionStringBuilder.MaxAutoPrepare);
    }

    [Fact]
    public void Connections_are_kept_alive_unless_the_connection_string_says_otherwise()
    {
        var settings = JobsDataSource.CreateBuilder("Host=db").ConnectionStringBuilder;
        Assert.Equal(30, settings.KeepAlive);
        Assert.True(settings.TcpKeepAlive);
        Assert.Equal(30, settings.TcpKeepAliveTime);
        Assert.Equal(5, settings.TcpKeepAliveInterval);
        var own = JobsDataSource.CreateBuilder("Host=db;Keepalive=7;Tcp Keepalive Time=120;Tcp Keepalive Interval=20").ConnectionStringBuilder;
        Assert.Equal(7, own.KeepAlive);
        Assert.Equal(120, own.TcpKeepAliveTime);
        Assert.Equal(20, own.TcpKeepAliveInterval);
    }

    private JobsWorkerOptions Options(FetchStrategy strategy) => new()
    {
        ListenConnectionString = Database.ConnectionString,
        FetchStrategy = strategy,
        Concurrency = 4,
        PollInterval = TimeSpan.FromMinutes(10),
        ListenerPingInterval = TimeSpan.FromMilliseconds(500),
        ListenerPingTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>A worker on a given data source, its listener direct to the test database.</summary>
    private sealed class PooledWorker : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public PooledWorker(Npgsql.NpgsqlDataSource dataSource, IJobDispatcher dispatcher, JobsWorkerOptions options)
        {
            Worker = new JobsWorker(dataSource, [dispatcher], options);
            _run = Task.Run(() => Worker.RunAsync(_stop.Token));
        }

        public JobsWorker Worker { get; }

        public Task ReadyAsync() => Eventually.TrueAsync(
            () => Task.FromResult(Worker.Health.LastSuccessfulFetch is not null && Worker.Health.ListenerConnected),
            "the worker to fetch once and listen");

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(60));
            _stop.Dispose();
        }
    }
}

public sealed class PgBouncerTestsOnInstaller(InstallerDatabase database) : PgBouncerTests(database), IClassFixture<InstallerDatabase>;

public sealed class PgBouncerTestsOnPgpm(PgpmDatabase database) : PgBouncerTests(database), IClassFixture<PgpmDatabase>;

public sealed class PgBouncerTestsOnUpstream047(Upstream047Database database) : PgBouncerTests(database), IClassFixture<Upstream047Database>;
