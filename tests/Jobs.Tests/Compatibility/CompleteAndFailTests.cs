using Jobs.Tests.Infrastructure;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class CompleteAndFailTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Complete_job_deletes_the_job_and_returns_it()
    {
        var job = await DataSource.AddJobAsync("work", payload: """{"n": 1}""");
        await DataSource.GetJobAsync("worker-1");

        var completed = await DataSource.CompleteJobAsync("worker-1", job.Id);

        Assert.Equal(job.Id, completed?.Id);
        AssertJson("""{"n": 1}""", completed!.Payload);
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Complete_job_of_an_unknown_id_returns_a_null_row()
    {
        var job = await DataSource.AddJobAsync("work");

        Assert.Null(await DataSource.CompleteJobAsync("worker-1", job.Id + 1000));
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Complete_job_unlocks_the_queue_the_worker_holds()
    {
        var first = await DataSource.AddJobAsync("work", queueName: "q");
        await DataSource.AddJobAsync("work", queueName: "q");
        await DataSource.GetJobAsync("worker-1");
        Assert.Equal("worker-1", (await DataSource.FindQueueAsync("q"))?.LockedBy);

        await DataSource.CompleteJobAsync("worker-1", first.Id);

        Assert.Equal(new QueueRow("q", 1, null, null), await DataSource.FindQueueAsync("q"));
    }

    [Fact]
    public async Task Complete_job_by_another_worker_deletes_the_job_but_leaves_the_queue_lock()
    {
        var first = await DataSource.AddJobAsync("work", queueName: "q");
        await DataSource.AddJobAsync("work", queueName: "q");
        await DataSource.GetJobAsync("worker-1");

        await DataSource.CompleteJobAsync("worker-2", first.Id);

        Assert.Null(await DataSource.FindJobAsync(first.Id));
        var queue = await DataSource.FindQueueAsync("q");
        Assert.Equal("worker-1", queue?.LockedBy);
        Assert.Equal(1, queue?.JobCount);
    }

    [Fact]
    public async Task Fail_job_records_the_error_unlocks_the_job_and_backs_off_by_exp_of_attempts_seconds()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.GetJobAsync("worker-1");

        var (failed, dbNow) = await FailReturningNowAsync("worker-1", job.Id, "boom");

        Assert.Equal(job.Id, failed.Id);
        Assert.Equal("boom", failed.LastError);
        Assert.Null(failed.LockedBy);
        Assert.Null(failed.LockedAt);
        Assert.Equal(1, failed.Attempts);
        AssertSeconds(Math.Exp(1), failed.RunAt - dbNow);
        Assert.Equal(failed with { UpdatedAt = null }, (await DataSource.FindJobAsync(job.Id))! with { UpdatedAt = null });
    }

    [Fact]
    public async Task Fail_job_backoff_stops_growing_at_exp_10_seconds()
    {
        var job = await DataSource.AddJobAsync("work", maxAttempts: 25);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 13 WHERE id = $1", job.Id);
        Assert.Equal(14, (await DataSource.GetJobAsync("worker-1"))?.Attempts);

        var (failed, dbNow) = await FailReturningNowAsync("worker-1", job.Id, "boom");

        AssertSeconds(Math.Exp(10), failed.RunAt - dbNow);
    }

    [Fact]
    public async Task Fail_job_adds_the_backoff_to_a_run_at_that_is_later_than_now()
    {
        var job = await DataSource.AddJobAsync("work");
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 2 WHERE id = $1", job.Id);
        await DataSource.GetJobAsync("worker-1");
        var later = (await DataSource.NowAsync()).AddHours(2);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET run_at = $2 WHERE id = $1", job.Id, later);

        var failed = await DataSource.FailJobAsync("worker-1", job.Id, "boom");

        Assert.NotNull(failed);
        AssertSeconds(Math.Exp(3), failed.RunAt - later);
    }

    [Fact]
    public async Task Fail_job_unlocks_the_queue_so_the_next_job_of_the_queue_can_run()
    {
        var first = await DataSource.AddJobAsync("work", queueName: "q");
        var second = await DataSource.AddJobAsync("work", queueName: "q");
        await DataSource.GetJobAsync("worker-1");
        Assert.Null(await DataSource.GetJobAsync("worker-2"));

        await DataSource.FailJobAsync("worker-1", first.Id, "boom");

        Assert.Equal(new QueueRow("q", 2, null, null), await DataSource.FindQueueAsync("q"));
        Assert.Equal(second.Id, (await DataSource.GetJobAsync("worker-2"))?.Id);
    }

    [Fact]
    public async Task Fail_job_with_a_null_message_does_nothing_and_returns_null()
    {
        var job = await DataSource.AddJobAsync("work");
        var locked = await DataSource.GetJobAsync("worker-1");

        var isNull = await DataSource.ScalarAsync<bool>(
            "SELECT app_jobs.fail_job(worker_id => 'worker-1', job_id => $1, error_message => NULL) IS NULL", job.Id);

        Assert.True(isNull);
        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.Equal("worker-1", stored?.LockedBy);
        Assert.Equal(locked?.LockedAt, stored?.LockedAt);
        Assert.Equal(locked?.RunAt, stored?.RunAt);
        Assert.Null(stored?.LastError);
    }

    [Fact]
    public async Task Fail_job_by_a_worker_that_does_not_hold_the_job_does_nothing()
    {
        var job = await DataSource.AddJobAsync("work", queueName: "q");
        var locked = await DataSource.GetJobAsync("worker-1");

        Assert.Null(await DataSource.FailJobAsync("worker-2", job.Id, "not mine"));

        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.Equal(locked, stored);
        Assert.Equal("worker-1", (await DataSource.FindQueueAsync("q"))?.LockedBy);
    }

    [Fact]
    public async Task A_job_failing_max_attempts_times_is_permanently_failed_and_stays_in_the_table()
    {
        var job = await DataSource.AddJobAsync("flaky", maxAttempts: 2);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(attempt, (await DataSource.GetJobAsync("worker-1"))?.Attempts);
            await DataSource.FailJobAsync("worker-1", job.Id, $"failure {attempt}");
            await DataSource.MakeDueAsync(job.Id);
        }

        Assert.Null(await DataSource.GetJobAsync("worker-1"));
        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Attempts);
        Assert.Equal("failure 2", stored.LastError);
        Assert.Null(stored.LockedBy);
    }

    private async Task<(JobRow Job, DateTime DbNow)> FailReturningNowAsync(string workerId, long jobId, string message)
    {
        // now() in the same statement is the transaction time fail_job computed run_at from.
        var rows = await DataSource.QueryAsync(
            "SELECT f.*, now() AS db_now FROM app_jobs.fail_job(worker_id => $1, job_id => $2, error_message => $3) f",
            reader => (ReadJob(reader), reader.GetFieldValue<DateTime>(reader.GetOrdinal("db_now"))),
            workerId,
            jobId,
            message);
        return Assert.Single(rows);
    }

    private static void AssertSeconds(double expectedSeconds, TimeSpan actual) =>
        Assert.InRange(actual.TotalSeconds, expectedSeconds - 0.001, expectedSeconds + 0.001);
}

public sealed class CompleteAndFailTestsOnInstaller(InstallerDatabase database) : CompleteAndFailTests(database), IClassFixture<InstallerDatabase>;

public sealed class CompleteAndFailTestsOnPgpm(PgpmDatabase database) : CompleteAndFailTests(database), IClassFixture<PgpmDatabase>;
