using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Jobs.Tests.Runtime;

/// <summary>
/// A result applies only to the attempt that produced it. While a result waits to be written (the
/// database away, the writer backing off), its job stays held and its lock renewed; if renewals
/// cannot get through either, the lock expires and the job runs again, and the late result of the
/// first attempt is logged and dropped, never applied to the later one. Both strategies, every
/// shape: on 0.16 complete_job deletes whatever id it is given, so the schema-function path
/// checks the attempt before calling it.
/// </summary>
public abstract class StaleResultTests(SchemaDatabase database) : RuntimeTest(database)
{
    private const int StaleOutcomeEvent = 14;

    // Long enough that a loaded machine starts a fetched job within most of it (a worker rightly
    // refuses to start one whose lock it has not confirmed for most of the expiry: at 1 s a stall of a
    // few hundred milliseconds in a full run skipped attempt 1), short enough to wait for.
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_late_failure_of_an_expired_attempt_never_applies_to_the_attempt_that_replaced_it(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("flaky", default);
        var writes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var renewals = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("flaky", async (context, _) =>
        {
            await RecordExecutionAsync(context, DateTimeOffset.UtcNow);
            if (context.Attempt == 1)
            {
                throw new InvalidOperationException("attempt 1 fails");
            }
            secondStarted.TrySetResult();
            await finishSecond.Task;
        });
        var logs = new RecordingLoggerFactory();
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], Options(strategy), loggerFactory: logs)
        {
            // An outage as the worker sees it: neither the failure nor the lock renewals get through.
            BeforeOutcomeWrite = ct => writes.Task.WaitAsync(ct),
            BeforeLockRenewal = ct => renewals.Task.WaitAsync(ct),
        };
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            // Attempt 1's lock expires while its failure waits; the same worker takes the job again.
            await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            renewals.TrySetResult();
            writes.TrySetResult();
            var stale = await logs.WaitForAsync(e => e.EventId == StaleOutcomeEvent, "attempt 1's failure to be dropped as stale");
            Assert.Equal(LogLevel.Information, stale.Level);
            Assert.Contains($"Job {job.Id}: the failure of attempt 1", stale.Message);

            var held = (await Admin.GetAsync(job.Id))!;
            Assert.Equal((worker.WorkerId, 2, (string?)null), (held.LockedBy, held.Attempts, held.LastError));

            finishSecond.TrySetResult();
            await Eventually.TrueAsync(async () => await JobCountAsync() == 0, "attempt 2's completion to delete the job");
        }
        finally
        {
            finishSecond.TrySetResult();
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
        Assert.Equal(new[] { 1, 2 }, await AttemptsRunAsync(job.Id));
        Assert.Single(logs.WithEvent(StaleOutcomeEvent));
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_job_whose_result_waits_to_be_written_keeps_its_lock_past_the_expiry_and_runs_once(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("flaky", default);
        var writes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("flaky", async (context, _) =>
        {
            await RecordExecutionAsync(context, DateTimeOffset.UtcNow);
            throw new InvalidOperationException($"attempt {context.Attempt} fails");
        });
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        // A longer expiry than the repro's: renewals every 750 ms keep the lock on a loaded machine,
        // where 250 ms ones could fall a second behind and let the rescuer free it.
        var options = Options(strategy);
        options.JobExpiry = 3 * Expiry;
        var worker = new JobsWorker(dataSource, [dispatcher], options) { BeforeOutcomeWrite = ct => writes.Task.WaitAsync(ct) };
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            await Eventually.TrueAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM public.executions") == 1, "attempt 1 to run");
            var ranAt = await ScalarAsync<DateTime>("SELECT started_at FROM public.executions");
            // Renewed while the failure waits: the lock is still this worker's, written well past
            // the moment it would have expired, and nothing ran again.
            await Eventually.TrueAsync(
                async () => await ScalarAsync<bool>("SELECT locked_at > $2 FROM app_jobs.jobs WHERE id = $1", job.Id, ranAt + options.JobExpiry + Expiry),
                "the lock to be renewed past the expiry");
            var held = (await Admin.GetAsync(job.Id))!;
            Assert.Equal((worker.WorkerId, 1, (string?)null), (held.LockedBy, held.Attempts, held.LastError));
            Assert.Equal(new[] { 1 }, await AttemptsRunAsync(job.Id));

            writes.TrySetResult();
            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))!.LastError is not null, "attempt 1's failure to be written");
            var failed = (await Admin.GetAsync(job.Id))!;
            Assert.Equal(((string?)null, 1), (failed.LockedBy, failed.Attempts));
            Assert.Contains("attempt 1 fails", failed.LastError);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task Results_waiting_unwritten_turn_health_degraded_then_unhealthy_and_healthy_once_written(FetchStrategy strategy)
    {
        var writes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("flaky", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var options = Options(strategy);
        options.JobExpiry = TimeSpan.FromMinutes(1);
        options.HealthDegradedAfter = TimeSpan.FromMilliseconds(300);
        options.HealthUnhealthyAfter = TimeSpan.FromMilliseconds(900);
        var worker = new JobsWorker(dataSource, [dispatcher], options) { BeforeOutcomeWrite = ct => writes.Task.WaitAsync(ct) };
        var check = new Jobs.Hosting.JobsWorkerHealthCheck(worker);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            await StatusAsync(check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
            await Client.EnqueueAsync("flaky", default);
            // On a loaded machine a fetch may also take longer than the 300 ms threshold and be reported
            // first: what matters is that the unwritten result is reported, then judged unhealthy.
            await StatusAsync(check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, "Job results wait unwritten");
            await StatusAsync(check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, "job results wait unwritten");

            writes.TrySetResult();
            await Eventually.TrueAsync(async () => await JobCountAsync() == 0, "the result to be written");
            await StatusAsync(check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        }
        finally
        {
            writes.TrySetResult();
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>Waits until health reports <paramref name="status"/>, and says <paramref name="saying"/> (case-insensitive) when given.</summary>
    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> StatusAsync(
        Jobs.Hosting.JobsWorkerHealthCheck check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, string? saying = null)
    {
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext();
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult result = default;
        await Eventually.TrueAsync(async () =>
            (result = await check.CheckHealthAsync(context)).Status == status
            && (saying is null || result.Description?.Contains(saying, StringComparison.OrdinalIgnoreCase) == true),
            $"health to turn {status}{(saying is null ? "" : $" saying \"{saying}\"")}");
        return result;
    }

    private static JobsWorkerOptions Options(FetchStrategy strategy) => new()
    {
        FetchStrategy = strategy,
        JobExpiry = Expiry,
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    private async Task<int[]> AttemptsRunAsync(long jobId)
    {
        await using var command = DataSource.CreateCommand("SELECT attempt FROM public.executions WHERE job_id = $1 ORDER BY started_at");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = jobId });
        var attempts = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            attempts.Add(reader.GetInt32(0));
        }
        return [.. attempts];
    }
}

public sealed class StaleResultTestsOnInstaller(InstallerDatabase database) : StaleResultTests(database), IClassFixture<InstallerDatabase>;

public sealed class StaleResultTestsOnPgpm(PgpmDatabase database) : StaleResultTests(database), IClassFixture<PgpmDatabase>;

public sealed class StaleResultTestsOnUpstream047(Upstream047Database database) : StaleResultTests(database), IClassFixture<Upstream047Database>;
