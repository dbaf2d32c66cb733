using Jobs.Tests.Infrastructure;
using Npgsql;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class GetJobTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Get_job_locks_the_job_for_the_worker_and_counts_the_attempt()
    {
        var added = await DataSource.AddJobAsync("work", payload: """{"n": 1}""");
        var before = await DataSource.NowAsync();

        var job = await DataSource.GetJobAsync("worker-1");

        Assert.NotNull(job);
        Assert.Equal(added.Id, job.Id);
        Assert.Equal("worker-1", job.LockedBy);
        Assert.NotNull(job.LockedAt);
        Assert.InRange(job.LockedAt.Value, before, await DataSource.NowAsync());
        Assert.Equal(1, job.Attempts);
        AssertJson("""{"n": 1}""", job.Payload);
        Assert.Equal(job with { UpdatedAt = null }, (await DataSource.FindJobAsync(job.Id))! with { UpdatedAt = null });
    }

    [Fact]
    public async Task Get_job_with_nothing_available_returns_one_row_whose_id_is_null()
    {
        await DataSource.AddJobAsync("later", runAt: (await DataSource.NowAsync()).AddHours(1));

        var ids = await DataSource.QueryAsync(
            "SELECT id FROM app_jobs.get_job(worker_id => 'worker-1')",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0));

        Assert.Null(Assert.Single(ids));
    }

    [Fact]
    public async Task Get_job_with_a_null_worker_id_raises_INVALID_WORKER_ID()
    {
        await DataSource.AddJobAsync("work");

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.GetJobAsync(null));

        Assert.Equal("INVALID_WORKER_ID", exception.MessageText);
        Assert.Null((await DataSource.AllJobsAsync()).Single().LockedBy);
    }

    [Fact]
    public async Task Get_job_takes_jobs_by_priority_then_run_at_then_id()
    {
        var now = await DataSource.NowAsync();
        var lowPriorityOldest = await DataSource.AddJobAsync("t", runAt: now.AddMinutes(-30), priority: 5);
        var latest = await DataSource.AddJobAsync("t", runAt: now.AddMinutes(-1));
        var tiedLowerId = await DataSource.AddJobAsync("t", runAt: now.AddMinutes(-10));
        var tiedHigherId = await DataSource.AddJobAsync("t", runAt: now.AddMinutes(-10));
        var urgent = await DataSource.AddJobAsync("t", runAt: now.AddMinutes(-1), priority: -1);
        Assert.Equal(tiedLowerId.RunAt, tiedHigherId.RunAt);

        var order = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            order.Add((await DataSource.GetJobAsync("worker-1"))!.Id);
        }

        Assert.Equal([urgent.Id, tiedLowerId.Id, tiedHigherId.Id, latest.Id, lowPriorityOldest.Id], order);
        Assert.Null(await DataSource.GetJobAsync("worker-1"));
    }

    [Fact]
    public async Task Get_job_skips_jobs_whose_run_at_is_in_the_future()
    {
        var now = await DataSource.NowAsync();
        await DataSource.AddJobAsync("future", runAt: now.AddMinutes(5), priority: -10);
        var due = await DataSource.AddJobAsync("due", runAt: now.AddSeconds(-1));

        Assert.Equal(due.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        Assert.Null(await DataSource.GetJobAsync("worker-1"));
    }

    [Fact]
    public async Task Get_job_skips_jobs_whose_attempts_reached_max_attempts()
    {
        var spent = await DataSource.AddJobAsync("spent", maxAttempts: 3, priority: -1);
        var fresh = await DataSource.AddJobAsync("fresh", maxAttempts: 3);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 3 WHERE id = $1", spent.Id);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 2 WHERE id = $1", fresh.Id);

        var job = await DataSource.GetJobAsync("worker-1");

        Assert.Equal(fresh.Id, job?.Id);
        Assert.Equal(3, job?.Attempts);
        Assert.Null(await DataSource.GetJobAsync("worker-1"));
    }

    [Fact]
    public async Task Get_job_only_takes_the_given_task_identifiers()
    {
        var a = await DataSource.AddJobAsync("task_a", priority: -1);
        var b = await DataSource.AddJobAsync("task_b");

        Assert.Null(await DataSource.GetJobAsync("worker-1", ["task_c"]));
        Assert.Equal(b.Id, (await DataSource.GetJobAsync("worker-1", ["task_b", "task_c"]))?.Id);
        Assert.Equal(a.Id, (await DataSource.GetJobAsync("worker-1", null))?.Id);
    }

    [Fact]
    public async Task Get_job_does_not_hand_out_a_job_locked_within_job_expiry()
    {
        var job = await DataSource.AddJobAsync("work");
        Assert.Equal(job.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromMinutes(30));

        Assert.Null(await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromHours(1)));
        Assert.Equal("worker-1", (await DataSource.FindJobAsync(job.Id))?.LockedBy);
    }

    [Fact]
    public async Task Get_job_reclaims_a_job_whose_lock_is_older_than_job_expiry()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromMinutes(1));

        var reclaimed = await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromSeconds(1));

        Assert.NotNull(reclaimed);
        Assert.Equal(job.Id, reclaimed.Id);
        Assert.Equal("worker-2", reclaimed.LockedBy);
        Assert.Equal(2, reclaimed.Attempts);
    }

    [Fact]
    public async Task Get_job_default_job_expiry_is_four_hours()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");

        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromHours(3.9));
        Assert.Null(await DataSource.GetJobAsync("worker-2"));

        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromHours(4.1));
        Assert.Equal(job.Id, (await DataSource.GetJobAsync("worker-2"))?.Id);
    }

    [Fact]
    public async Task Get_job_skips_a_job_row_locked_by_another_transaction_instead_of_waiting()
    {
        var busy = await DataSource.AddJobAsync("work", priority: -1);
        var next = await DataSource.AddJobAsync("work");
        await using var impatient = CreateImpatientDataSource(Database.ConnectionString);

        await using (await DataSource.LockRowsAsync("SELECT id FROM app_jobs.jobs WHERE id = $1 FOR UPDATE", busy.Id))
        {
            Assert.Equal(next.Id, (await impatient.GetJobAsync("worker-1"))?.Id);
        }

        Assert.Equal(busy.Id, (await impatient.GetJobAsync("worker-1"))?.Id);
    }
}

public sealed class GetJobTestsOnInstaller(InstallerDatabase database) : GetJobTests(database), IClassFixture<InstallerDatabase>;

public sealed class GetJobTestsOnPgpm(PgpmDatabase database) : GetJobTests(database), IClassFixture<PgpmDatabase>;
