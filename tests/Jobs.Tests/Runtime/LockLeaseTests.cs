using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.Runtime;

/// <summary>
/// A running job whose lock goes unconfirmed for three quarters of the expiry (renewals hang, as
/// behind a frozen network) is cancelled while the lock is still the worker's, and the attempt is
/// recorded as failed: it never runs on past the expiry beside a worker that took the job. A job
/// whose renewals get through runs as long as it likes. The worker's clock is a fake one, so no
/// test waits out an expiry; the database's own clock is not involved (the locks never expire there).
/// </summary>
public abstract class LockLeaseTests(SchemaDatabase database) : RuntimeTest(database)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Lease = Expiry * 3 / 4;

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_job_whose_lock_renewals_hang_is_cancelled_before_the_lock_expires_and_recorded_as_failed(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("long", default, new EnqueueOptions { MaxAttempts = 1 });
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("long", async (_, token) =>
        {
            started.TrySetResult(token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        // Renewals that never return: the worker cannot learn whether it still holds the lock.
        var worker = new JobsWorker(dataSource, [dispatcher], Options(strategy), timeProvider: clock)
        {
            BeforeLockRenewal = ct => Task.Delay(Timeout.Infinite, ct),
        };
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            var token = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            clock.Advance(Lease - TimeSpan.FromSeconds(1));
            Assert.False(token.IsCancellationRequested, "cancelled before the lease ran out");
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(token.IsCancellationRequested, "not cancelled when the lease ran out");

            await Eventually.TrueAsync(async () => (await Admin.GetAsync(job.Id))?.LastError is not null, "the attempt's failure to be written");
            var failed = (await Admin.GetAsync(job.Id))!;
            Assert.Equal(((string?)null, 1), (failed.LockedBy, failed.Attempts));
            Assert.StartsWith("Jobs.JobLockLostException: worker " + worker.WorkerId + " could not confirm this job's lock for 00:00:45", failed.LastError);
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
    public async Task A_job_whose_lock_is_renewed_runs_past_the_lease_and_completes(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("long", default);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle("long", async (_, token) =>
        {
            started.TrySetResult(token);
            await finish.Task.WaitAsync(token);
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var renewals = 0;
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], Options(strategy), timeProvider: clock)
        {
            BeforeLockRenewal = _ =>
            {
                Interlocked.Increment(ref renewals);
                return Task.CompletedTask;
            },
        };
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        try
        {
            var token = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // Renewals run every quarter of the expiry; a second at a time, the clock passes the
            // lease several times over while they keep the lock confirmed.
            await FakeClockTicks.TickUntilAsync(clock, TimeSpan.FromSeconds(1),
                () => Task.FromResult(Volatile.Read(ref renewals) >= 6 && clock.GetUtcNow() - clock.Start > 2 * Lease), "six renewals and twice the lease");
                        Assert.False(token.IsCancellationRequested, "a job whose lock was renewed was cancelled");

            finish.TrySetResult();
            await Eventually.TrueAsync(async () => await Admin.GetAsync(job.Id) is null, "the job to complete");
        }
        finally
        {
            finish.TrySetResult();
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }

    private static JobsWorkerOptions Options(FetchStrategy strategy) => new()
    {
        FetchStrategy = strategy,
        JobExpiry = Expiry,
        Concurrency = 1,
    };
}

public sealed class LockLeaseTestsOnInstaller(InstallerDatabase database) : LockLeaseTests(database), IClassFixture<InstallerDatabase>;

public sealed class LockLeaseTestsOnPgpm(PgpmDatabase database) : LockLeaseTests(database), IClassFixture<PgpmDatabase>;

public sealed class LockLeaseTestsOnUpstream047(Upstream047Database database) : LockLeaseTests(database), IClassFixture<Upstream047Database>;
