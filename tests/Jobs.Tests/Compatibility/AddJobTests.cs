using Jobs.Tests.Infrastructure;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class AddJobTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Add_job_with_only_db_id_and_identifier_uses_the_defaults()
    {
        var before = await DataSource.NowAsync();
        var job = await DataSource.AddJobAsync("send_email");
        var after = await DataSource.NowAsync();

        Assert.Equal(DatabaseId, job.DatabaseId);
        Assert.Equal("send_email", job.TaskIdentifier);
        AssertJson("{}", job.Payload);
        Assert.Equal(0, job.Priority);
        Assert.Equal(25, job.MaxAttempts);
        Assert.Equal(0, job.Attempts);
        Assert.InRange(job.RunAt, before, after);
        Assert.Null(job.QueueName);
        Assert.Null(job.Key);
        Assert.Null(job.LastError);
        Assert.Null(job.LockedAt);
        Assert.Null(job.LockedBy);
        Assert.NotNull(job.CreatedAt);
        Assert.InRange(job.CreatedAt.Value, before, after);
        Assert.Equal(job.CreatedAt, job.UpdatedAt);
        Assert.Equal(job, await DataSource.FindJobAsync(job.Id));
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task Add_job_stores_every_option()
    {
        var runAt = (await DataSource.NowAsync()).AddHours(3);

        var job = await DataSource.AddJobAsync(
            "resize_image",
            payload: """{"path": "/tmp/a.png", "sizes": [64, 128]}""",
            jobKey: "resize:a.png",
            queueName: "images",
            runAt: runAt,
            maxAttempts: 3,
            priority: -7);

        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.NotNull(stored);
        Assert.Equal("resize_image", stored.TaskIdentifier);
        AssertJson("""{"path": "/tmp/a.png", "sizes": [64, 128]}""", stored.Payload);
        Assert.Equal("resize:a.png", stored.Key);
        Assert.Equal("images", stored.QueueName);
        Assert.Equal(runAt, stored.RunAt);
        Assert.Equal(3, stored.MaxAttempts);
        Assert.Equal(-7, stored.Priority);
        Assert.Equal(0, stored.Attempts);
    }

    [Fact]
    public async Task Add_job_without_key_inserts_a_new_row_each_time()
    {
        var first = await DataSource.AddJobAsync("ping");
        var second = await DataSource.AddJobAsync("ping");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, (await DataSource.AllJobsAsync()).Count);
    }

    [Fact]
    public async Task Add_job_with_the_key_of_an_unlocked_job_replaces_its_fields_and_resets_retry_state()
    {
        var original = await DataSource.AddJobAsync("old_task", payload: """{"v": 1}""", jobKey: "k1", queueName: "q-old", maxAttempts: 5, priority: 1);
        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 3, last_error = 'boom' WHERE id = $1", original.Id);
        var runAt = (await DataSource.NowAsync()).AddMinutes(10);

        var replaced = await DataSource.AddJobAsync("new_task", payload: """{"v": 2}""", jobKey: "k1", queueName: "q-new", runAt: runAt, maxAttempts: 9, priority: 4);

        Assert.Equal(original.Id, replaced.Id);
        var stored = Assert.Single(await DataSource.AllJobsAsync());
        Assert.Equal(original.Id, stored.Id);
        Assert.Equal("new_task", stored.TaskIdentifier);
        AssertJson("""{"v": 2}""", stored.Payload);
        Assert.Equal("k1", stored.Key);
        Assert.Equal("q-new", stored.QueueName);
        Assert.Equal(runAt, stored.RunAt);
        Assert.Equal(9, stored.MaxAttempts);
        Assert.Equal(4, stored.Priority);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LastError);
        Assert.Equal(original.CreatedAt, stored.CreatedAt);
    }

    [Fact]
    public async Task Add_job_with_the_key_of_a_locked_job_inserts_a_new_job_without_key_and_stops_the_old_one()
    {
        var original = await DataSource.AddJobAsync("report", payload: """{"v": 1}""", jobKey: "k2", maxAttempts: 10);
        var running = await DataSource.GetJobAsync("worker-1");
        Assert.Equal(original.Id, running?.Id);

        var added = await DataSource.AddJobAsync("report", payload: """{"v": 2}""", jobKey: "k2");

        Assert.NotEqual(original.Id, added.Id);
        Assert.Null(added.Key);
        AssertJson("""{"v": 2}""", added.Payload);
        Assert.Equal(0, added.Attempts);

        var old = await DataSource.FindJobAsync(original.Id);
        Assert.NotNull(old);
        Assert.Null(old.Key);
        Assert.Equal(10, old.Attempts);
        Assert.Equal(10, old.MaxAttempts);
        Assert.Equal("worker-1", old.LockedBy);
        AssertJson("""{"v": 1}""", old.Payload);
        Assert.Equal(2, (await DataSource.AllJobsAsync()).Count);
    }

    [Fact]
    public async Task Add_job_with_a_key_turns_explicit_nulls_into_the_defaults()
    {
        var before = await DataSource.NowAsync();

        var id = await DataSource.ScalarAsync<long>(
            """
            SELECT id FROM app_jobs.add_job(db_id => $1, identifier => 'nulls', payload => NULL, job_key => 'k-null',
                                            run_at => NULL, max_attempts => NULL, priority => NULL)
            """,
            DatabaseId);

        var job = await DataSource.FindJobAsync(id);
        Assert.NotNull(job);
        AssertJson("{}", job.Payload);
        Assert.Equal(25, job.MaxAttempts);
        Assert.Equal(0, job.Priority);
        Assert.InRange(job.RunAt, before, await DataSource.NowAsync());
        Assert.Equal("k-null", job.Key);
    }

    [Fact]
    public async Task Add_job_with_a_named_queue_creates_the_queue_row()
    {
        var job = await DataSource.AddJobAsync("mail", queueName: "mailer");

        Assert.Equal("mailer", job.QueueName);
        var queue = Assert.Single(await DataSource.AllQueuesAsync());
        Assert.Equal(new QueueRow("mailer", 1, null, null), queue);
    }
}

public sealed class AddJobTestsOnInstaller(InstallerDatabase database) : AddJobTests(database), IClassFixture<InstallerDatabase>;

public sealed class AddJobTestsOnPgpm(PgpmDatabase database) : AddJobTests(database), IClassFixture<PgpmDatabase>;
