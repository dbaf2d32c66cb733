using Jobs.Schema;
using Jobs.Testing;
using System.Collections.Concurrent;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>The worker's semantics, for each fetch strategy, on both schemas.</summary>
public abstract class WorkerTests(SchemaDatabase database) : RuntimeTest(database)
{
    public static TheoryData<FetchStrategy> Strategies => new() { FetchStrategy.Batched, FetchStrategy.SchemaFunctions };

    private static JobsWorkerOptions Options(FetchStrategy strategy, Action<JobsWorkerOptions>? configure = null)
    {
        var options = new JobsWorkerOptions { FetchStrategy = strategy, Concurrency = 8, PollInterval = TimeSpan.FromSeconds(60) };
        configure?.Invoke(options);
        return options;
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Ten_thousand_jobs_at_concurrency_8_each_run_exactly_once(FetchStrategy strategy)
    {
        // With the indexes `jobs migrate --check` advises, as a deployment of this size should have:
        // 10,000 jobs enqueued in one call share one run_at, and 0.47's own get_job, walking an
        // index of (priority, run_at) alone, sorts all of them again on every call (100 s here).
        foreach (var missing in (await SchemaShapeReader.ReadAsync(DataSource)).MissingIndexes)
        {
            await ExecuteAsync(missing.Sql);
        }
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, 10_000).Select(i => new JobRequest("count", Json($$"""{"n":{{i}}}"""))));
        // Runs are counted in memory: a row written per run would make the test measure its own
        // bookkeeping (a pooled command per job) more than the worker.
        var runs = new ConcurrentDictionary<long, int>();
        var laterAttempts = 0;
        var dispatcher = new TestDispatcher().Handle("count", (context, _) =>
        {
            runs.AddOrUpdate(context.Id, 1, (_, n) => n + 1);
            if (context.Attempt != 1)
            {
                Interlocked.Increment(ref laterAttempts);
            }
            return Task.CompletedTask;
        });

        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await WaitForNoJobsAsync(TimeSpan.FromMinutes(3));
        }

        Assert.Equal(jobs.Select(job => job.Id).Order(), runs.Keys.Order());
        Assert.All(runs, run => Assert.Equal(1, run.Value));
        Assert.Equal(0, laterAttempts);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Jobs_of_one_named_queue_never_overlap(FetchStrategy strategy)
    {
        await Client.EnqueueManyAsync(Enumerable.Range(0, 40).Select(_ => new JobRequest("serial", default, new EnqueueOptions { Queue = "one-at-a-time" })));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 40).Select(_ => new JobRequest("parallel", default)));
        var running = 0;
        var maxRunning = 0;
        var dispatcher = new TestDispatcher()
            .Handle("serial", async (context, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                var started = DateTimeOffset.UtcNow;
                await Task.Delay(5);
                Interlocked.Decrement(ref running);
                await RecordExecutionAsync(context, started);
            })
            .Handle("parallel", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await WaitForNoJobsAsync();
        }

        Assert.Equal(1, maxRunning);
        Assert.Equal(40L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE task = 'serial'"));
        // The database's own record: no two serial runs overlap in time.
        Assert.Equal(0L, await OverlappingRunsAsync("serial"));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_throwing_handler_records_the_error_and_backs_off(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("flaky", default, new EnqueueOptions { MaxAttempts = 3 });
        var failed = new TaskCompletionSource();
        var dispatcher = new TestDispatcher().Handle("flaky", (_, _) =>
        {
            failed.TrySetResult();
            throw new InvalidOperationException("the mail server said no");
        });

        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.LastError is not null, "the failure to be written");
        }

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.StartsWith("System.InvalidOperationException: the mail server said no", stored.LastError, StringComparison.Ordinal);
        Assert.Contains(" at ", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.LockedBy);
        Assert.Equal(JobState.Failing, stored.State);
        // fail_job's backoff: exp(least(attempts, 10)) seconds after the failure.
        var delay = await ScalarAsync<double>("SELECT extract(epoch FROM run_at - updated_at)::float8 FROM app_jobs.jobs WHERE id = $1", job.Id);
        Assert.InRange(delay, Math.Exp(1) - 0.5, Math.Exp(1) + 0.5);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_job_out_of_attempts_fails_permanently_and_is_kept(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("doomed", default, new EnqueueOptions { MaxAttempts = 1 });
        var dispatcher = new TestDispatcher().Handle("doomed", (_, _) => throw new TimeoutException("upstream timed out"));

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.State == JobState.PermanentlyFailed, "the job to fail permanently");
        }

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.Equal(1, stored.Attempts);
        Assert.Contains("upstream timed out", stored.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task An_unreadable_payload_fails_permanently_in_one_attempt(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("typed", Json("""{"count":"not a number"}"""));
        var runs = 0;
        var dispatcher = new TestDispatcher().Handle("typed", (context, _) =>
        {
            Interlocked.Increment(ref runs);
            var reader = new System.Text.Json.Utf8JsonReader(context.Payload.Span);
            while (reader.Read())
            {
                if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.ValueTextEquals("count"))
                {
                    reader.Read();
                    if (reader.TokenType != System.Text.Json.JsonTokenType.Number)
                    {
                        throw new JobPayloadException($"Property 'count' must be a number but is a {reader.TokenType}.");
                    }
                }
            }
            return Task.CompletedTask;
        });

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.State == JobState.PermanentlyFailed, "the job to fail permanently");
        }

        var stored = (await Admin.GetAsync(job.Id))!;
        // One run, then attempts = max_attempts: the schema's mark of a permanent failure.
        Assert.Equal(1, runs);
        Assert.Equal(25, stored.MaxAttempts);
        Assert.Equal(25, stored.Attempts);
        Assert.Contains("JobPayloadException: Property 'count' must be a number", stored.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_task_without_handler_fails_permanently_when_the_worker_takes_it(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("nobody_handles_this", default);
        var dispatcher = new TestDispatcher().Handle("known", (_, _) => Task.CompletedTask);

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => o.TaskIdentifiers = ["known", "nobody_handles_this"])))
        {
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.State == JobState.PermanentlyFailed, "the job to fail permanently");
        }

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.Equal(stored.MaxAttempts, stored.Attempts);
        Assert.Contains("No handler for task 'nobody_handles_this'", stored.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task By_default_a_worker_leaves_other_services_tasks_alone(FetchStrategy strategy)
    {
        var foreign = await Client.EnqueueAsync("other_service_task", default);
        await Client.EnqueueAsync("mine", default);
        var dispatcher = new TestDispatcher().Handle("mine", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1, "the worker's own job to complete");
        }

        var stored = (await Admin.GetAsync(foreign.Id))!;
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LastError);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Shutdown_mid_run_releases_unfinished_jobs_and_gives_the_attempt_back(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("endless", default, new EnqueueOptions { Queue = "q" });
        var started = new TaskCompletionSource();
        var dispatcher = new TestDispatcher().Handle("endless", async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });

        var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(200)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await Admin.GetAsync(job.Id))!.Attempts);
        await worker.DisposeAsync();

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.Null(stored.LockedBy);
        Assert.Null(stored.LockedAt);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LastError);
        Assert.Null(await ScalarAsync<object>("SELECT coalesce(locked_by, NULL) FROM app_jobs.job_queues WHERE queue_name = 'q'") as string);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Shutdown_lets_a_running_job_finish_within_the_grace_period(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("finishing", default);
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var dispatcher = new TestDispatcher().Handle("finishing", async (context, _) =>
        {
            started.TrySetResult();
            await gate.Task;
            await RecordExecutionAsync(context, DateTimeOffset.UtcNow);
        });

        var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => { o.ShutdownGracePeriod = TimeSpan.FromSeconds(60); o.ShutdownTimeout = TimeSpan.FromSeconds(70); }));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = worker.StopAsync();
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping;

        Assert.Null(await Admin.GetAsync(job.Id));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_job_whose_worker_died_is_taken_again_after_expiry(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("survivor", default, new EnqueueOptions { Queue = "crash-queue" });
        // A worker that crashed mid-job leaves exactly this behind: job and queue locked by it.
        await ExecuteAsync("SELECT id FROM app_jobs.get_job(worker_id => 'crashed-worker')");
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_at = now() - interval '10 seconds'");
        await ExecuteAsync("UPDATE app_jobs.job_queues SET locked_at = now() - interval '10 seconds'");
        var dispatcher = new TestDispatcher().Handle("survivor", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => { o.JobExpiry = TimeSpan.FromSeconds(5); o.PollInterval = TimeSpan.FromMilliseconds(100); })))
        {
            await WaitForNoJobsAsync();
        }

        Assert.Equal(2, await ScalarAsync<int>("SELECT attempt FROM public.executions WHERE job_id = $1", job.Id));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_job_is_not_taken_by_a_second_worker_while_its_lock_is_fresh(FetchStrategy strategy)
    {
        await Client.EnqueueAsync("taken", default);
        await ExecuteAsync("SELECT id FROM app_jobs.get_job(worker_id => 'busy-worker')");
        var runs = 0;
        var dispatcher = new TestDispatcher()
            .Handle("taken", (_, _) => { Interlocked.Increment(ref runs); return Task.CompletedTask; })
            .Handle("probe", (_, _) => Task.CompletedTask);

        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => o.JobExpiry = TimeSpan.FromMinutes(5))))
        {
            await worker.ReadyAsync();
            // A probe job proves the worker fetched after the lock was taken.
            await Client.EnqueueAsync("probe", default);
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1, "the probe to complete");
        }

        Assert.Equal(0, runs);
    }

    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(6);

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_long_job_has_its_lock_renewed_so_no_second_worker_takes_it(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("long", default);
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var runs = 0;
        var dispatcher = new TestDispatcher().Handle("long", async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            started.TrySetResult();
            await gate.Task;
        });
        // An expiry of 6 s (renewed every 1.5 s): short enough for a test, long enough that a loaded
        // machine's stalls (CI runs test projects side by side on 2 cores) do not let it lapse.
        var options = Options(strategy, o => { o.JobExpiry = Expiry; o.PollInterval = TimeSpan.FromMilliseconds(100); });

        await using (var first = new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var lockedAt = (await Admin.GetAsync(job.Id))!.LockedAt!.Value;
            await using (var second = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => { o.JobExpiry = Expiry; o.PollInterval = TimeSpan.FromMilliseconds(100); })))
            {
                // Past the expiry, with a second worker polling: only renewal keeps the job ours.
                await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.LockedAt > lockedAt + Expiry + TimeSpan.FromSeconds(0.5), "the lock to be renewed past the original expiry");
                Assert.Equal(1, runs);
                Assert.Equal(first.Worker.WorkerId, (await Admin.GetAsync(job.Id))!.LockedBy);
            }
            gate.SetResult();
            await WaitForNoJobsAsync();
        }
        Assert.Equal(1, runs);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_job_over_its_timeout_is_cancelled_and_failed(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("slow", default);
        var dispatcher = new TestDispatcher().Handle("slow", (_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken), timeout: TimeSpan.FromMilliseconds(200));

        await using (new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy)))
        {
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.LastError is not null, "the timeout to be recorded");
        }

        Assert.Contains("did not finish within its timeout", (await Admin.GetAsync(job.Id))!.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task An_idle_worker_is_woken_by_notify_long_before_its_poll(FetchStrategy strategy)
    {
        var ran = new TaskCompletionSource();
        var dispatcher = new TestDispatcher().Handle("wake", (_, _) => { ran.TrySetResult(); return Task.CompletedTask; });

        await using var worker = new WorkerRun(Database.ConnectionString, dispatcher, Options(strategy, o => o.PollInterval = TimeSpan.FromMinutes(10)));
        await worker.ReadyAsync();
        await Client.EnqueueAsync("wake", default);

        // The poll is 10 minutes away: only NOTIFY can start the job within this bound.
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Terminated_connections_are_reopened_and_the_queue_drains(FetchStrategy strategy)
    {
        var dispatcher = new TestDispatcher().Handle("after", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var application = WorkerApplicationName();
        await using var worker = WorkerRun.OnPoolOfItsOwn(Database.ConnectionString, dispatcher, Options(strategy, o => o.PollInterval = TimeSpan.FromMinutes(10)), application);
        await worker.ReadyAsync();

        Assert.True(await TerminateWorkerConnectionsAsync(application) > 0);
        await Eventually.TrueAsync(() => Task.FromResult(!worker.Worker.Health.ListenerConnected), "the worker to notice the lost LISTEN connection", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(worker.Worker.Health.ListenerConnected), "the LISTEN connection to come back", TimeSpan.FromSeconds(30));
        await Client.EnqueueManyAsync(Enumerable.Range(0, 200).Select(_ => new JobRequest("after", default)));

        await WaitForNoJobsAsync(worker: worker.Worker);
        Assert.Equal(200L, await ScalarAsync<long>("SELECT count(DISTINCT job_id) FROM public.executions"));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_starting_worker_runs_its_upkeep_on_one_connection_beside_its_fetch_and_listener(FetchStrategy strategy)
    {
        var application = WorkerApplicationName();
        await using var worker = WorkerRun.OnPoolOfItsOwn(Database.ConnectionString, new TestDispatcher().Handle("idle", (_, _) => Task.CompletedTask),
            Options(strategy, o => o.PollInterval = TimeSpan.FromMinutes(10)), application);
        await worker.ReadyAsync();
        // The sampler's first round comes last among the upkeep loops' first rounds.
        await Eventually.TrueAsync(() => Task.FromResult(JobsTelemetry.ReadyDepths.ContainsKey(worker.Worker.WorkerId)), "the ready depth's first sample");

        // The rescue, the pruning, the sweep and the sample ran one after another on one connection;
        // the fetch has one, the listener one, and its delivery proof took an idle one or one more.
        // Started side by side, the upkeep loops opened one each: five or six in all.
        Assert.InRange(await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", application), 2L, 4L);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_database_error_while_completing_is_retried_and_the_job_is_not_lost(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("sabotage", default);
        var runs = 0;
        var application = WorkerApplicationName();
        var dispatcher = new TestDispatcher().Handle("sabotage", async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            // Kill every pooled connection of the worker just before it writes the completion.
            await TerminateWorkerConnectionsAsync(application);
        });

        await using (WorkerRun.OnPoolOfItsOwn(Database.ConnectionString, dispatcher, Options(strategy), application))
        {
            await WaitForNoJobsAsync();
        }

        Assert.Equal(1, runs);
        Assert.Null(await Admin.GetAsync(job.Id));
    }

    private static string WorkerApplicationName() => "worker-test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Ends every connection of a worker on a pool of its own (LISTEN included), found by its
    /// application name, as a failover would. Only the worker's: the class's pools keep theirs, so
    /// the tests after this one need not reconnect. Returns how many ended.
    /// </summary>
    private Task<long> TerminateWorkerConnectionsAsync(string applicationName) =>
        ScalarAsync<long>("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", applicationName);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public sealed class WorkerTestsOnInstaller(InstallerDatabase database) : WorkerTests(database), IClassFixture<InstallerDatabase>;

public sealed class WorkerTestsOnPgpm(PgpmDatabase database) : WorkerTests(database), IClassFixture<PgpmDatabase>;

public sealed class WorkerTestsOnUpstream047(Upstream047Database database) : WorkerTests(database), IClassFixture<Upstream047Database>;
