using Jobs.Schema;
using Jobs.Testing;
using Jobs.Tests.Compatibility;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Npgsql;

namespace Jobs.Tests.Security;

/// <summary>
/// Each component's happy path, run as a role that holds exactly what <c>jobs grants</c> prints for
/// it (<see cref="RoleGrants"/>), with EXECUTE on the schema's functions revoked from PUBLIC so the
/// function grants are proven too. The owner only sets up and checks.
/// </summary>
public abstract class LeastPrivilegeTests(SchemaDatabase database) : RuntimeTest(database)
{
    public static TheoryData<FetchStrategy> Strategies => new() { FetchStrategy.Batched, FetchStrategy.SchemaFunctions };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.RevokePublicExecuteAsync();
    }

    [Fact]
    public async Task A_client_role_enqueues_one_keyed_and_many_with_copy()
    {
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Client);
        await using var dataSource = JobsDataSource.Create(role.ConnectionString);
        var client = new JobsClient(dataSource, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor });

        await client.EnqueueAsync("one", Json("{}"));
        await client.EnqueueAsync("keyed", Json("{}"), new EnqueueOptions { Key = "k-1", Queue = "mail" });
        await client.EnqueueAsync("keyed", Json("""{"again":true}"""), new EnqueueOptions { Key = "k-1", Queue = "mail" });
        // 1,500 keyless jobs take the binary COPY path (from 1,000), some of them in named queues.
        var many = await client.EnqueueManyAsync(Enumerable.Range(0, 1_500).Select(i =>
            new JobRequest("many", Json($$"""{"n":{{i}}}"""), i % 3 == 0 ? new EnqueueOptions { Queue = "q" + (i % 4) } : null)));
        var keyedMany = await client.EnqueueManyAsync(Enumerable.Range(0, 20).Select(i =>
            new JobRequest("keyed_many", Json("{}"), new EnqueueOptions { Key = "km-" + i })));

        Assert.Equal(1_500, many.Count);
        Assert.Equal(20, keyedMany.Count);
        Assert.Equal(1_522L, await JobCountAsync());
        Assert.Equal(500L, await ScalarAsync<long>("SELECT coalesce(sum(job_count), 0) FROM app_jobs.job_queues WHERE queue_name LIKE 'q%'"));
        Assert.Equal(1, await ScalarAsync<int>("SELECT job_count FROM app_jobs.job_queues WHERE queue_name = 'mail'"));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_worker_role_runs_completes_fails_and_releases(FetchStrategy strategy)
    {
        await Client.EnqueueManyAsync(Enumerable.Range(0, 100).Select(_ => new JobRequest("count", Json("{}"))));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 10).Select(_ => new JobRequest("count", Json("{}"), new EnqueueOptions { Queue = "serial" })));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest("doomed", Json("{}"))));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest("flaky", Json("{}"))));
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Worker);
        var dispatcher = new TestDispatcher()
            .Handle("count", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow))
            .Handle("doomed", (_, _) => throw new PermanentJobFailureException("never"))
            .Handle("flaky", (_, _) => throw new InvalidOperationException("not yet"));

        await using (var worker = new WorkerRun(role.ConnectionString, dispatcher,
            new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(200) }))
        {
            await Eventually.TrueAsync(async () =>
                await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'count'") == 0
                && await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE last_error IS NOT NULL") == 6,
                "every count job completed and the others failed", TimeSpan.FromMinutes(2));
            Assert.False(worker.Run.IsCompleted, worker.Run.Exception?.ToString());
        }

        Assert.Equal(110L, await ScalarAsync<long>("SELECT count(DISTINCT job_id) FROM public.executions"));
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'doomed' AND attempts = max_attempts"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE locked_by IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.job_queues"));
    }

    [Fact]
    public async Task A_worker_role_without_delete_cannot_complete_a_job()
    {
        var job = await Client.EnqueueAsync("count", Json("{}"));
        await using var role = await TestRole.CreateAsync(Database, "nodelete");
        var grants = RoleGrants.For(JobsComponent.Worker, role.Name).ToArray();
        Assert.Contains(grants, g => g.Contains("SELECT, UPDATE, DELETE", StringComparison.Ordinal));
        await role.GrantAsync(grants.Select(g => g.Replace("SELECT, UPDATE, DELETE", "SELECT, UPDATE", StringComparison.Ordinal)));
        await using var dataSource = NpgsqlDataSource.Create(role.ConnectionString);

        await using (var take = dataSource.CreateCommand("SELECT id FROM app_jobs.get_job(worker_id => 'no-delete')"))
        {
            Assert.Equal(job.Id, (long)(await take.ExecuteScalarAsync())!);
        }
        await using var complete = dataSource.CreateCommand($"SELECT id FROM app_jobs.complete_job(worker_id => 'no-delete', job_id => {job.Id})");
        var denied = await Assert.ThrowsAsync<PostgresException>(() => complete.ExecuteScalarAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        Assert.Equal(1L, await JobCountAsync());
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_worker_without_delete_is_unhealthy_at_once_logs_the_missing_privilege_once_and_runs_nothing_twice(FetchStrategy strategy)
    {
        const int PrivilegeMissingEvent = 24;
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, 10).Select(_ => new JobRequest("count", Json("{}"))));
        await using var role = await TestRole.CreateAsync(Database, "nodelete");
        await role.GrantAsync(RoleGrants.For(JobsComponent.Worker, role.Name, shape: await SchemaShapeReader.ReadAsync(DataSource))
            .Select(g => g.Replace("SELECT, UPDATE, DELETE", "SELECT, UPDATE", StringComparison.Ordinal)));
        var dispatcher = new TestDispatcher().Handle("count", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var logs = new RecordingLoggerFactory();
        await using var dataSource = JobsDataSource.Create(role.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions
        {
            FetchStrategy = strategy,
            PollInterval = TimeSpan.FromMilliseconds(100),
            // Renewed every 1.5 s: a loaded machine's stalls (CI runs projects side by side on 2 cores) do not let it lapse.
            JobExpiry = TimeSpan.FromSeconds(6),
        }, loggerFactory: logs);
        var check = new Jobs.Hosting.JobsWorkerHealthCheck(worker);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            var logged = await logs.WaitForAsync(e => e.EventId == PrivilegeMissingEvent, "the missing privilege to be logged");
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
            Assert.Contains("permission denied", logged.Message, StringComparison.Ordinal);
            var health = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
            Assert.Contains("lacks a privilege", health.Description, StringComparison.Ordinal);
            Assert.Contains("permission denied", health.Description, StringComparison.Ordinal);

            // Well past the expiry the results still wait, their jobs held and renewed: nothing runs again.
            await Eventually.TrueAsync(async () => await ScalarAsync<bool>(
                "SELECT bool_and(locked_at > now() - interval '1 second') AND min(locked_at) > $1 FROM app_jobs.jobs",
                (await ScalarAsync<DateTime>("SELECT min(started_at) FROM public.executions")) + TimeSpan.FromSeconds(7)),
                "the held jobs' locks to be renewed past their expiry");
            Assert.Equal(10L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));

            await Database.ExecuteAsync($"GRANT DELETE ON app_jobs.jobs TO {role.Name}");
            await Eventually.TrueAsync(async () => await JobCountAsync() == 0, "the results to be written once granted");
            await Eventually.TrueAsync(async () => (await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext())).Status
                == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "health to recover");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
        Assert.Single(logs.WithEvent(PrivilegeMissingEvent));
        Assert.Equal(jobs.Count, (int)await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
    }

    [Fact]
    public async Task A_scheduler_role_registers_claims_fires_and_releases()
    {
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Scheduler);
        var registry = new JobsScheduleRegistry().Add(new RecurringJob("tick", "* * * * * *"));
        var options = new JobsSchedulerOptions { WorkerId = "scheduler-role", PollInterval = TimeSpan.FromMinutes(10) };

        await using (var scheduler = new SchedulerRun(role.ConnectionString, options, registry, DatabaseId))
        {
            await scheduler.ReadyAsync();
            await Eventually.TrueAsync(
                async () => await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'tick'") >= 1,
                "the schedule to fire", TimeSpan.FromSeconds(30));
            Assert.Equal("scheduler-role", await ScalarAsync<string>("SELECT locked_by FROM app_jobs.scheduled_jobs WHERE key = 'recurring:tick'"));
        }

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.scheduled_jobs WHERE locked_by IS NOT NULL"));
    }

    [Fact]
    public async Task An_admin_role_lists_counts_retries_fails_reschedules_deletes_removes_and_unlocks_and_reads_workers_and_breakdowns()
    {
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, 6).Select(i =>
            new JobRequest("admin", Json("{}"), new EnqueueOptions { Queue = i < 2 ? "mail" : null, Key = "a-" + i, Delay = TimeSpan.FromHours(1) })));
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_by = 'dead-worker', locked_at = now() WHERE id = $1", jobs[5].Id);
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Admin);
        await using var dataSource = JobsDataSource.Create(role.ConnectionString);
        var admin = new JobsAdmin(dataSource, new JobsClientOptions { DatabaseId = DatabaseId });

        Assert.Equal(6, (await admin.ListAsync()).Count);
        Assert.NotNull(await admin.GetAsync(jobs[0].Id));
        Assert.Equal(5L, (await admin.GetStatisticsAsync()).Scheduled);
        Assert.Contains(await admin.GetQueuesAsync(), q => q.Name == "mail");
        Assert.Single(await admin.RetryNowAsync([jobs[0].Id]));
        Assert.Single(await admin.PermanentlyFailAsync([jobs[1].Id], "by hand"));
        Assert.Single(await admin.RescheduleAsync([jobs[2].Id], priority: 7));
        Assert.Single(await admin.DeleteAsync([jobs[3].Id]));
        Assert.Equal(JobRemovalOutcome.Removed, (await admin.RemoveByKeyAsync("a-4")).Outcome);
        Assert.Equal("dead-worker", Assert.Single(await admin.GetWorkersAsync()).WorkerId);
        Assert.Equal(4L, (await admin.GetBreakdownAsync()).ByTask.Sum(c => c.Total));
        Assert.Equal(jobs[5].Id, (await admin.GetByKeyAsync("a-5"))?.Id);
        Assert.Empty(await admin.UnlockStaleAsync([jobs[5].Id], TimeSpan.FromHours(1)));
        Assert.Equal(1, await admin.UnlockWorkersAsync(["dead-worker"]));

        Assert.Equal(4L, await JobCountAsync());
        Assert.Equal(7, await ScalarAsync<int>("SELECT priority FROM app_jobs.jobs WHERE id = $1", jobs[2].Id));
        Assert.Equal("by hand", await ScalarAsync<string>("SELECT last_error FROM app_jobs.jobs WHERE id = $1", jobs[1].Id));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE locked_by IS NOT NULL"));
    }

    [Fact]
    public async Task An_admin_role_lists_runs_pauses_resumes_and_deletes_schedules()
    {
        var schedule = await DataSource.AddScheduledJobAsync("nightly", scheduleInfo: """{"rule": "0 2 * * *"}""", jobKey: "nightly",
            actorId: Database.Flavor == SchemaFlavor.Upstream047 ? SchedulerRun.SchedulerActor : null);
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Admin);
        await using var dataSource = JobsDataSource.Create(role.ConnectionString);
        var admin = new JobsAdmin(dataSource);

        Assert.Equal(schedule.Id, Assert.Single(await admin.ListSchedulesAsync()).Id);
        Assert.Equal(ScheduleRunOutcome.Fired, (await admin.RunScheduleNowAsync(ScheduleSelector.ByKey("nightly"))).Outcome);
        Assert.Equal(ScheduleChangeOutcome.Changed, (await admin.PauseScheduleAsync(ScheduleSelector.ById(schedule.Id))).Outcome);
        Assert.Equal(ScheduleChangeOutcome.Changed, (await admin.ResumeScheduleAsync(ScheduleSelector.ById(schedule.Id))).Outcome);
        Assert.Equal(ScheduleChangeOutcome.Changed, (await admin.DeleteScheduleAsync(ScheduleSelector.ByKey("nightly"))).Outcome);

        Assert.Equal(1L, await JobCountAsync());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.scheduled_jobs"));
    }
}

public sealed class LeastPrivilegeTestsOnInstaller(InstallerDatabase database) : LeastPrivilegeTests(database), IClassFixture<InstallerDatabase>;

public sealed class LeastPrivilegeTestsOnPgpm(PgpmDatabase database) : LeastPrivilegeTests(database), IClassFixture<PgpmDatabase>;

public sealed class LeastPrivilegeTestsOnUpstream047(Upstream047Database database) : LeastPrivilegeTests(database), IClassFixture<Upstream047Database>;
