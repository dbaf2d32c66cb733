using Jobs.Tests.Infrastructure;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class QueueTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Jobs_without_a_queue_run_in_parallel()
    {
        var first = await DataSource.AddJobAsync("work");
        var second = await DataSource.AddJobAsync("work");

        Assert.Equal(first.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        Assert.Equal(second.Id, (await DataSource.GetJobAsync("worker-2"))?.Id);
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task A_named_queue_runs_one_job_at_a_time()
    {
        var first = await DataSource.AddJobAsync("work", queueName: "serial");
        var second = await DataSource.AddJobAsync("work", queueName: "serial");

        Assert.Equal(first.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        Assert.Null(await DataSource.GetJobAsync("worker-2"));

        await DataSource.CompleteJobAsync("worker-1", first.Id);

        Assert.Equal(second.Id, (await DataSource.GetJobAsync("worker-2"))?.Id);
    }

    [Fact]
    public async Task Get_job_locks_the_queue_together_with_the_job()
    {
        await DataSource.AddJobAsync("work", queueName: "serial");
        await DataSource.AddJobAsync("work", queueName: "serial");

        var job = await DataSource.GetJobAsync("worker-1");

        var queue = await DataSource.FindQueueAsync("serial");
        Assert.Equal("worker-1", queue?.LockedBy);
        Assert.NotNull(queue?.LockedAt);
        Assert.Equal(job?.LockedAt, queue?.LockedAt);
        Assert.Equal(2, queue?.JobCount);
    }

    [Fact]
    public async Task A_locked_queue_does_not_hold_back_other_queues_or_jobs_without_a_queue()
    {
        await DataSource.AddJobAsync("work", queueName: "busy", priority: -10);
        await DataSource.AddJobAsync("work", queueName: "busy", priority: -10);
        var otherQueue = await DataSource.AddJobAsync("work", queueName: "idle", priority: 1);
        var unqueued = await DataSource.AddJobAsync("work", priority: 2);
        await DataSource.GetJobAsync("worker-1");

        Assert.Equal(otherQueue.Id, (await DataSource.GetJobAsync("worker-2"))?.Id);
        Assert.Equal(unqueued.Id, (await DataSource.GetJobAsync("worker-3"))?.Id);
        Assert.Null(await DataSource.GetJobAsync("worker-4"));
    }

    [Fact]
    public async Task A_queue_whose_lock_is_older_than_job_expiry_is_reclaimed()
    {
        var first = await DataSource.AddJobAsync("work", queueName: "serial");
        await DataSource.AddJobAsync("work", queueName: "serial");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(first.Id, TimeSpan.FromMinutes(1));
        Assert.Null(await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromSeconds(1)));

        await DataSource.AgeQueueLockAsync("serial", TimeSpan.FromMinutes(1));
        var reclaimed = await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromSeconds(1));

        Assert.Equal(first.Id, reclaimed?.Id);
        Assert.Equal(2, reclaimed?.Attempts);
        Assert.Equal("worker-2", (await DataSource.FindQueueAsync("serial"))?.LockedBy);
    }

    [Fact]
    public async Task Job_count_follows_inserts_and_deletes_and_the_row_goes_at_zero()
    {
        var jobs = new List<JobRow>();
        for (var i = 1; i <= 3; i++)
        {
            jobs.Add(await DataSource.AddJobAsync("work", queueName: "counted"));
            Assert.Equal(i, (await DataSource.FindQueueAsync("counted"))?.JobCount);
        }

        await DataSource.GetJobAsync("worker-1");
        await DataSource.CompleteJobAsync("worker-1", jobs[0].Id);
        Assert.Equal(2, (await DataSource.FindQueueAsync("counted"))?.JobCount);

        await DataSource.CompleteJobsAsync(jobs[1].Id);
        Assert.Equal(1, (await DataSource.FindQueueAsync("counted"))?.JobCount);

        await DataSource.ExecuteAsync("DELETE FROM app_jobs.jobs WHERE id = $1", jobs[2].Id);
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task Changing_a_jobs_queue_name_moves_it_between_queue_counts()
    {
        var moving = await DataSource.AddJobAsync("work", queueName: "from");
        await DataSource.AddJobAsync("work", queueName: "from");

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET queue_name = 'to' WHERE id = $1", moving.Id);
        Assert.Equal([new QueueRow("from", 1, null, null), new QueueRow("to", 1, null, null)], await DataSource.AllQueuesAsync());

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET queue_name = NULL WHERE id = $1", moving.Id);
        Assert.Equal([new QueueRow("from", 1, null, null)], await DataSource.AllQueuesAsync());

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET queue_name = 'from' WHERE id = $1", moving.Id);
        Assert.Equal([new QueueRow("from", 2, null, null)], await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task Replacing_a_keyed_job_with_another_queue_moves_the_count()
    {
        await DataSource.AddJobAsync("work", jobKey: "k", queueName: "from");

        await DataSource.AddJobAsync("work", jobKey: "k", queueName: "to");

        Assert.Equal([new QueueRow("to", 1, null, null)], await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task A_direct_insert_without_queue_name_gets_a_random_queue_from_the_column_default()
    {
        await DataSource.ExecuteAsync(
            "INSERT INTO app_jobs.jobs (database_id, task_identifier) VALUES ($1, 'raw')", DatabaseId);

        var job = Assert.Single(await DataSource.AllJobsAsync());
        Assert.True(Guid.TryParse(job.QueueName, out _), $"queue_name {job.QueueName} is not a uuid");
        Assert.Equal(new QueueRow(job.QueueName!, 1, null, null), Assert.Single(await DataSource.AllQueuesAsync()));
    }

    [Fact]
    public async Task Get_job_skips_jobs_whose_queue_row_is_locked_by_another_transaction()
    {
        await DataSource.AddJobAsync("work", queueName: "contended", priority: -1);
        var unqueued = await DataSource.AddJobAsync("work");
        await using var impatient = CreateImpatientDataSource(Database.ConnectionString);

        await using (await DataSource.LockRowsAsync("SELECT queue_name FROM app_jobs.job_queues WHERE queue_name = 'contended' FOR UPDATE"))
        {
            Assert.Equal(unqueued.Id, (await impatient.GetJobAsync("worker-1"))?.Id);
            Assert.Null(await impatient.GetJobAsync("worker-2"));
        }

        Assert.Equal("contended", (await impatient.GetJobAsync("worker-2"))?.QueueName);
    }
}

public sealed class QueueTestsOnInstaller(InstallerDatabase database) : QueueTests(database), IClassFixture<InstallerDatabase>;

public sealed class QueueTestsOnPgpm(PgpmDatabase database) : QueueTests(database), IClassFixture<PgpmDatabase>;
