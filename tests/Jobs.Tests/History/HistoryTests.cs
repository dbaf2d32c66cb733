using Jobs.Schema;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.History;

/// <summary>
/// The optional history of completed jobs, on every shape: installed only when asked, beside the
/// jobs schema (a pgpm-deployed one stays as it was); written by the statement that completes a
/// job, so a job is recorded exactly when its completion applied; pruned by workers past the
/// retention; refused at start to a worker whose role may not write it.
/// </summary>
public abstract class HistoryTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const int HistoryPrunedEvent = 69;
    private const int StaleOutcomeEvent = 14;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new HistoryInstaller(DataSource).InstallAsync(TimeSpan.FromDays(7));
        await ExecuteAsync("TRUNCATE app_jobs_history.completed_jobs");
    }

    [Fact]
    public async Task The_history_is_installed_only_when_asked_beside_the_jobs_schema_and_installing_again_changes_nothing()
    {
        await ExecuteAsync("DROP SCHEMA app_jobs_history CASCADE");
        var jobsVersionTable = await ScalarAsync<bool>("SELECT to_regclass('app_jobs.jobs_migrations') IS NOT NULL");
        var status = await Admin.GetHistoryStatusAsync();
        Assert.Equal((false, false, false, (TimeSpan?)null), (status.Installed, status.CanRecord, status.CanRead, status.Retention));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Admin.ListCompletedAsync());
        Assert.Contains("jobs migrate --history", missing.Message);

        var installer = new HistoryInstaller(DataSource);
        var first = await installer.InstallAsync();
        Assert.Equal(["completed_jobs"], first.Applied.Select(m => m.Name));
        Assert.False(first.Before.Installed);
        Assert.Equal(("app_jobs_history", true, true, true, (TimeSpan?)TimeSpan.FromDays(7)),
            (first.After.Schema.Value, first.After.Installed, first.After.CanRecord, first.After.CanRead, first.After.Retention));

        var again = await installer.InstallAsync(TimeSpan.FromHours(36));
        Assert.Empty(again.Applied);
        Assert.Equal(TimeSpan.FromHours(36), again.After.Retention);
        Assert.Empty(await installer.PendingAsync());
        // The jobs schema is as it was: a pgpm-deployed one gains no version table of ours.
        Assert.Equal(jobsVersionTable, await ScalarAsync<bool>("SELECT to_regclass('app_jobs.jobs_migrations') IS NOT NULL"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => installer.InstallAsync(TimeSpan.Zero));
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task Each_completed_job_is_recorded_as_it_was_and_a_permanently_failed_one_is_not(FetchStrategy strategy)
    {
        var plain = await Client.EnqueueAsync("history_ok", """{"n":1}"""u8.ToArray());
        var keyed = await Client.EnqueueAsync("history_ok", """{"n":2}"""u8.ToArray(), new EnqueueOptions { Key = "k-2", Queue = "serial", Priority = 3 });
        var failing = await Client.EnqueueAsync("history_fails", "{}"u8.ToArray(), new EnqueueOptions { MaxAttempts = 1 });
        var dispatcher = new TestDispatcher()
            .Handle("history_ok", (_, _) => Task.CompletedTask)
            .Handle("history_fails", (_, _) => throw new InvalidOperationException("always fails"));
        await using (var run = new WorkerRun(Database.ConnectionString, dispatcher, new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 2 }))
        {
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1 && (await Admin.GetAsync(failing.Id))?.LastError is not null,
                "both jobs to complete and the failing one to fail for good");
            await run.StopAsync();

            var records = await Admin.ListCompletedAsync();
            Assert.Equal([keyed.Id, plain.Id], records.OrderByDescending(r => r.Id).Select(r => r.Id));
            var record = records.Single(r => r.Id == keyed.Id);
            Assert.Equal(("history_ok", """{"n":2}""", "serial", "k-2", 3, 1, run.Worker.WorkerId, (Guid?)DatabaseId),
                (record.TaskIdentifier, record.Payload, record.QueueName, record.Key, record.Priority, record.Attempts, record.WorkerId, record.DatabaseId));
            Assert.NotNull(record.CreatedAt);
            Assert.True(record.CompletedAt >= record.CreatedAt, "completed before it was created");
            Assert.Equal(record, await Admin.GetCompletedAsync(keyed.Id));
            Assert.Null(await Admin.GetCompletedAsync(failing.Id));
        }
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_completion_that_no_longer_applies_records_nothing(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("history_stale", "{}"u8.ToArray());
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("history_stale", (_, _) =>
        {
            ran.TrySetResult();
            return Task.CompletedTask;
        });
        var logs = new RecordingLoggerFactory();
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { FetchStrategy = strategy }, loggerFactory: logs)
        {
            BeforeOutcomeWrite = ct => write.Task.WaitAsync(ct),
        };
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            await ran.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // Meanwhile the lock expired and another worker took the job as its next attempt.
            await ExecuteAsync("UPDATE app_jobs.jobs SET locked_by = 'other-worker', locked_at = now(), attempts = attempts + 1 WHERE id = $1", job.Id);
            write.TrySetResult();
            await logs.WaitForAsync(e => e.EventId == StaleOutcomeEvent, "the completion to be dropped as stale");
            Assert.Equal(1, await JobCountAsync());
            Assert.Empty(await Admin.ListCompletedAsync());
        }
        finally
        {
            write.TrySetResult();
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }

    [Fact]
    public async Task Workers_prune_records_past_the_retention_a_batch_after_another_and_keep_newer_ones()
    {
        var over = JobsWorker.HistoryPruneBatch * 2 + 10;
        await ExecuteAsync("""
            INSERT INTO app_jobs_history.completed_jobs (id, task_identifier, payload, priority, attempts, max_attempts, run_at, completed_at, worker_id)
            SELECT n, 'old', '{}', 0, 1, 25, now() - interval '9 days', now() - interval '8 days' - n * interval '1 second', 'w'
              FROM generate_series(1, $1) AS n
            """, over);
        await ExecuteAsync("""
            INSERT INTO app_jobs_history.completed_jobs (id, task_identifier, payload, priority, attempts, max_attempts, run_at, completed_at, worker_id)
            VALUES (-1, 'recent', '{}', 0, 1, 25, now(), now() - interval '6 days 23 hours', 'w')
            """);
        var logs = new RecordingLoggerFactory();
        // A clock that never moves: only the "again at once while batches come back full" rule can delete them all.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [new TestDispatcher().Handle("none_enqueued", (_, _) => Task.CompletedTask)], new JobsWorkerOptions(), loggerFactory: logs, timeProvider: clock);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            await logs.WaitForAsync(e => e.EventId == HistoryPrunedEvent && e.Message.Contains("Pruned 10 "), "the last, partial batch");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
        Assert.Equal(["recent"], (await Admin.ListCompletedAsync()).Select(r => r.TaskIdentifier));
        Assert.Equal(3, logs.WithEvent(HistoryPrunedEvent).Length);
    }

    [Fact]
    public async Task A_worker_whose_role_may_not_record_refuses_to_start_unless_told_not_to_record()
    {
        await Client.EnqueueAsync("history_role", "{}"u8.ToArray());
        var dispatcher = new TestDispatcher().Handle("history_role", (_, _) => Task.CompletedTask);
        await using var role = await TestRole.ForComponentAsync(Database, JobsComponent.Worker);
        await using (var dataSource = JobsDataSource.Create(role.ConnectionString))
        {
            var refused = await Assert.ThrowsAsync<UnsupportedSchemaException>(() =>
                new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions()).RunAsync(CancellationToken.None));
            Assert.Contains("may not record into it", refused.Message);
            Assert.Contains("jobs grants worker", refused.Message);
            Assert.Contains("RecordHistory = false", refused.Message);
        }

        await using (var run = new WorkerRun(role.ConnectionString, dispatcher, new JobsWorkerOptions { RecordHistory = false }))
        {
            await Eventually.TrueAsync(async () => await JobCountAsync() == 0, "the job to complete");
        }
        Assert.Empty(await Admin.ListCompletedAsync());

        await role.GrantAsync(RoleGrants.ForHistory(JobsComponent.Worker, role.Name));
        var recorded = await Client.EnqueueAsync("history_role", "{}"u8.ToArray());
        await using (var run = new WorkerRun(role.ConnectionString, dispatcher, new JobsWorkerOptions()))
        {
            await Eventually.TrueAsync(async () => await JobCountAsync() == 0, "the job to complete");
        }
        Assert.Equal([recorded.Id], (await Admin.ListCompletedAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task The_admin_lists_newest_first_a_page_at_a_time_filtered_and_within_its_database()
    {
        var other = Guid.NewGuid();
        await ExecuteAsync("""
            INSERT INTO app_jobs_history.completed_jobs (id, database_id, queue_name, task_identifier, payload, priority, attempts, max_attempts, run_at, completed_at, worker_id)
            VALUES (1, $1, 'q', 'a', '{}', 0, 1, 25, now(), now() - interval '45 minutes', 'w'),
                   (2, $1, NULL, 'b', '{}', 0, 1, 25, now(), now() - interval '35 minutes', 'w'),
                   (3, $1, 'q', 'a', '{}', 0, 1, 25, now(), now() - interval '25 minutes', 'w'),
                   (4, $2, 'q', 'a', '{}', 0, 1, 25, now(), now() - interval '15 minutes', 'w'),
                   (5, $1, 'q', 'a', '{}', 0, 2, 25, now(), now() - interval '5 minutes', 'w'),
                   (1, $1, 'q', 'a', '{"older":true}', 0, 1, 25, now(), now() - interval '2 hours', 'w')
            """, DatabaseId, other);
        var all = await Admin.ListCompletedAsync();
        Assert.Equal([5L, 4, 3, 2, 1, 1], all.Select(r => r.Id));

        var scoped = Admin.ForDatabase(DatabaseId);
        var firstPage = await scoped.ListCompletedAsync(new CompletedJobFilter { TaskIdentifier = "a", Queue = "q", Limit = 2 });
        Assert.Equal([5L, 3], firstPage.Select(r => r.Id));
        var secondPage = await scoped.ListCompletedAsync(new CompletedJobFilter { TaskIdentifier = "a", Queue = "q", Limit = 2, Before = CompletedJobCursor.After(firstPage[^1]) });
        Assert.Equal([(1L, "{}"), (1L, """{"older":true}""")], secondPage.Select(r => (r.Id, r.Payload)));

        Assert.Equal("{}", (await scoped.GetCompletedAsync(1))!.Payload);
        Assert.Null(await scoped.GetCompletedAsync(4));
        Assert.NotNull(await Admin.ForDatabase(other).GetCompletedAsync(4));

        var perTenMinutes = await scoped.GetThroughputAsync(6, TimeSpan.FromMinutes(10));
        Assert.Equal([0L, 1, 1, 1, 0, 1], perTenMinutes.Select(i => i.Completed));
        Assert.True(perTenMinutes.Zip(perTenMinutes.Skip(1)).All(p => p.Second.StartsAt - p.First.StartsAt == TimeSpan.FromMinutes(10)), "intervals are not consecutive");
        Assert.Equal([0L, 1, 1, 1, 1, 1], (await Admin.GetThroughputAsync(6, TimeSpan.FromMinutes(10))).Select(i => i.Completed));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Admin.GetThroughputAsync(0, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Admin.GetThroughputAsync(10, TimeSpan.FromMilliseconds(1500)));
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.ListCompletedAsync(new CompletedJobFilter { TaskIdentifier = "a\0b" }));
    }
}

public sealed class HistoryTestsOnInstaller(InstallerDatabase database) : HistoryTests(database), IClassFixture<InstallerDatabase>;

public sealed class HistoryTestsOnPgpm(PgpmDatabase database) : HistoryTests(database), IClassFixture<PgpmDatabase>;

public sealed class HistoryTestsOnUpstream047(Upstream047Database database) : HistoryTests(database), IClassFixture<Upstream047Database>;
