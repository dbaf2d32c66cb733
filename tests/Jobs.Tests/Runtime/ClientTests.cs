using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

public abstract class ClientTests(SchemaDatabase database) : RuntimeTest(database)
{
    [Fact]
    public async Task Enqueue_with_defaults_stores_the_schema_defaults()
    {
        var job = await Client.EnqueueAsync("send_email", Json("""{"to":"a@b.c"}"""));

        Assert.Equal("send_email", job.TaskIdentifier);
        Assert.Equal(DatabaseId, job.DatabaseId);
        Assert.Equal("""{"to":"a@b.c"}""", job.Payload);
        Assert.Null(job.QueueName);
        Assert.Null(job.Key);
        Assert.Equal(0, job.Priority);
        Assert.Equal(25, job.MaxAttempts);
        Assert.Equal(0, job.Attempts);
        Assert.Equal(JobState.Ready, job.State);
    }

    [Fact]
    public async Task Enqueue_applies_every_option()
    {
        var runAt = DateTimeOffset.UtcNow.AddHours(1);
        var tenant = Guid.NewGuid();
        var job = await Client.EnqueueAsync("report", default, new EnqueueOptions
        {
            RunAt = runAt, Priority = -5, Queue = "reports", MaxAttempts = 3, Key = "report:1", DatabaseId = tenant,
        });

        Assert.Equal("{}", job.Payload);
        Assert.Equal(-5, job.Priority);
        Assert.Equal("reports", job.QueueName);
        Assert.Equal(3, job.MaxAttempts);
        Assert.Equal("report:1", job.Key);
        Assert.Equal(tenant, job.DatabaseId);
        Assert.Equal(runAt.ToUnixTimeMilliseconds(), job.RunAt.ToUnixTimeMilliseconds());
        Assert.Equal(JobState.Scheduled, job.State);
    }

    [Fact]
    public async Task Enqueue_with_delay_runs_later()
    {
        var before = DateTimeOffset.UtcNow;
        var job = await Client.EnqueueAsync("later", default, new EnqueueOptions { Delay = TimeSpan.FromMinutes(10) });
        Assert.InRange(job.RunAt, before.AddMinutes(10).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
    }

    [Fact]
    public async Task Enqueue_again_with_the_same_key_replaces_the_waiting_job()
    {
        var first = await Client.EnqueueAsync("sync", Json("""{"v":1}"""), new EnqueueOptions { Key = "sync:42" });
        var second = await Client.EnqueueAsync("sync", Json("""{"v":2}"""), new EnqueueOptions { Key = "sync:42" });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("""{"v":2}""", second.Payload);
        Assert.Equal(1, await JobCountAsync());
    }

    [Theory]
    [InlineData("task", "taskIdentifier")]
    [InlineData("key", "options")]
    [InlineData("queue", "options")]
    [InlineData("empty_queue", "options")]
    [InlineData("max_attempts", "options")]
    [InlineData("json", "payload")]
    [InlineData("run_at_and_delay", "options")]
    [InlineData("delay_past_the_largest_date", "options")]
    public async Task Invalid_input_is_refused_before_the_database_naming_the_parameter(string what, string parameter)
    {
        var (task, payload, options) = Invalid(what);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync(task, payload, options));
        var inMany = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync(
            [new JobRequest("fine", default), new JobRequest("fine", default), new JobRequest(task, payload, options)]));

        Assert.Equal(parameter, error.ParamName);
        Assert.DoesNotContain("violates", error.Message, StringComparison.Ordinal);
        Assert.Equal("jobs", inMany.ParamName);
        Assert.StartsWith("jobs[2]: ", inMany.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    private static (string Task, byte[] Payload, EnqueueOptions Options) Invalid(string what) => what switch
    {
        "task" => (new string('t', 127), Json("{}"), EnqueueOptions.Default),
        "key" => ("t", Json("{}"), new EnqueueOptions { Key = new string('k', 513) }),
        "queue" => ("t", Json("{}"), new EnqueueOptions { Queue = new string('q', 127) }),
        "empty_queue" => ("t", Json("{}"), new EnqueueOptions { Queue = "" }),
        "max_attempts" => ("t", Json("{}"), new EnqueueOptions { MaxAttempts = 0 }),
        "json" => ("t", Json("{not json"), EnqueueOptions.Default),
        "run_at_and_delay" => ("t", Json("{}"), new EnqueueOptions { RunAt = DateTimeOffset.UtcNow, Delay = TimeSpan.FromSeconds(1) }),
        _ => ("t", Json("{}"), new EnqueueOptions { Delay = TimeSpan.MaxValue }),
    };

    [Fact]
    public async Task Enqueue_without_a_database_id_is_refused_with_a_clear_error()
    {
        var client = new JobsClient(DataSource, new JobsClientOptions { Attribution = TestActor });

        // Refused before any SQL where add_job needs db_id; where it defaults db_id from the
        // claims (0.47), add_job's refusal is translated into the same remedy.
        var error = await Record.ExceptionAsync(() => client.EnqueueAsync("t", default));

        Assert.True(error is ArgumentException or JobAttributionException { Code: "DATABASE_CLAIM_REQUIRED" }, error?.ToString());
        Assert.Contains("set JobsClientOptions.DatabaseId or EnqueueOptions.DatabaseId", error!.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await JobCountAsync());
    }

    [Fact]
    public async Task Enqueue_in_a_rolled_back_transaction_leaves_no_job()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Client.EnqueueAsync(connection, transaction, "t", default);
            await Client.EnqueueManyAsync(connection, transaction, [new JobRequest("t", default), new JobRequest("t", default)]);
            Assert.Equal(3L, await CountInAsync(connection, transaction));
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await JobCountAsync());
    }

    [Fact]
    public async Task Enqueue_in_a_committed_transaction_keeps_the_job()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Client.EnqueueAsync(connection, transaction, "t", default);
            await transaction.CommitAsync();
        }
        Assert.Equal(1, await JobCountAsync());
    }

    [Fact]
    public async Task Ten_thousand_jobs_enqueue_in_one_call()
    {
        var requests = Enumerable.Range(0, 10_000).Select(i => new JobRequest("bulk", Json($$"""{"n":{{i}}}"""))).ToList();

        var jobs = await Client.EnqueueManyAsync(requests);

        Assert.Equal(10_000, jobs.Count);
        Assert.Equal(10_000, await JobCountAsync());
        Assert.Equal("""{"n":0}""", jobs[0].Payload);
        Assert.Equal("""{"n":9999}""", jobs[^1].Payload);
        Assert.Equal(10_000, jobs.Select(j => j.Id).Distinct().Count());
    }

    [Fact]
    public async Task Enqueue_many_with_keys_behaves_like_calls_one_by_one()
    {
        var jobs = await Client.EnqueueManyAsync(
        [
            new JobRequest("k", Json("""{"v":1}"""), new EnqueueOptions { Key = "same" }),
            new JobRequest("k", Json("""{"v":2}"""), new EnqueueOptions { Key = "other", Queue = "q" }),
            new JobRequest("k", Json("""{"v":3}"""), new EnqueueOptions { Key = "same", Priority = 7 }),
            new JobRequest("k", Json("""{"v":4}""")),
        ]);

        Assert.Equal(4, jobs.Count);
        Assert.Equal(jobs[0].Id, jobs[2].Id);
        Assert.Equal(3, await JobCountAsync());
        var same = await Admin.GetAsync(jobs[0].Id);
        Assert.Equal("""{"v":3}""", same!.Payload);
        Assert.Equal(7, same.Priority);
        // Both requests for the key get the job as stored at the end, not the first request's stale row.
        Assert.Equal(same, jobs[0]);
        Assert.Equal(same, jobs[2]);
        Assert.Equal(1, await ScalarAsync<int>("SELECT job_count FROM app_jobs.job_queues WHERE queue_name = 'q'"));
    }

    [Fact]
    public async Task Enqueue_many_without_keys_keeps_per_row_options()
    {
        var runAt = DateTimeOffset.UtcNow.AddDays(1);
        var jobs = await Client.EnqueueManyAsync(
        [
            new JobRequest("a", default, new EnqueueOptions { Queue = "serial", Priority = 3, MaxAttempts = 2 }),
            new JobRequest("b", default, new EnqueueOptions { RunAt = runAt }),
        ]);

        Assert.Equal(("serial", 3, 2), (jobs[0].QueueName, jobs[0].Priority, jobs[0].MaxAttempts));
        Assert.Null(jobs[1].QueueName);
        Assert.Equal(runAt.ToUnixTimeMilliseconds(), jobs[1].RunAt.ToUnixTimeMilliseconds());
        Assert.Equal(1, await ScalarAsync<int>("SELECT job_count FROM app_jobs.job_queues WHERE queue_name = 'serial'"));
    }

    private static async Task<long> CountInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM app_jobs.jobs", connection, transaction);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class ClientTestsOnInstaller(InstallerDatabase database) : ClientTests(database), IClassFixture<InstallerDatabase>;

public sealed class ClientTestsOnPgpm(PgpmDatabase database) : ClientTests(database), IClassFixture<PgpmDatabase>;

public sealed class ClientTestsOnUpstream047(Upstream047Database database) : ClientTests(database), IClassFixture<Upstream047Database>;
