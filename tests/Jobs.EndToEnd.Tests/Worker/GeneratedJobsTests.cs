using Jobs.Testing;
using CsCheck;
using Jobs.EndToEnd.Tests.Handlers;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.EndToEnd.Tests.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Worker;

/// <summary>
/// The generated enqueue methods, dispatcher and registration with the real client and worker
/// on PostgreSQL: what a handler receives equals what was enqueued.
/// </summary>
public sealed class GeneratedJobsTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private static readonly Guid DatabaseId = Guid.Parse("5b0e2c1f-6f0e-4d8a-a1c9-2f6d3e8b7a10");

    private WorkerHost _host = null!;

    private JobsClient Client => _host.Client;

    private JobsAdmin Admin => _host.Admin;

    private Received Received => _host.Received;

    public async ValueTask InitializeAsync() => _host = await WorkerHost.StartAsync(database.ConnectionString, DatabaseId, concurrency: 4, registerHandlersTwice: true);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void The_registration_gives_the_worker_every_generated_task_once_even_when_called_twice()
    {
        var worker = _host.Services.GetRequiredService<JobsWorker>();

        Assert.Equal(
            ["e2e_chain", "e2e_collections", "e2e_crawl", "e2e_feelings", "e2e_fidelity", "e2e_fields", "e2e_flaky", "e2e_generic", "e2e_hiding", "e2e_lettering", "e2e_maybe_move_point", "e2e_move_point", "e2e_parcel", "e2e_primitives", "e2e_send_email", "e2e_settings", "e2e_tree", "e2e_user_renamed"],
            worker.TaskNames.Order(StringComparer.Ordinal));
        var dispatcher = Assert.Single(_host.Services.GetServices<IJobDispatcher>());
        Assert.Equal(TimeSpan.FromSeconds(30), dispatcher.Tasks.Single(t => t.Name == "e2e_send_email").Timeout);
        Assert.Null(dispatcher.Tasks.Single(t => t.Name == "e2e_tree").Timeout);
    }

    [Fact]
    public async Task A_job_enqueued_through_the_generated_method_reaches_its_handler_with_equal_args()
    {
        var args = PayloadGenerators.Email.Single();

        var job = await Client.EnqueueSendEmailAsync(args);

        SameValue(args, await Received.ForJobAsync<EmailArgs>(job.Id));
        Assert.Equal("e2e_send_email", job.TaskIdentifier);
    }

    [Fact]
    public async Task The_attribute_defaults_apply_where_the_options_leave_them_null()
    {
        var defaults = await Client.EnqueueSendEmailAsync(PayloadGenerators.Email.Single(), new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var overridden = await Client.EnqueueSendEmailAsync(PayloadGenerators.Email.Single(), new EnqueueOptions { Queue = "other", MaxAttempts = 2, Priority = 5, RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var none = await Client.EnqueueTreeAsync(new TreeNode("t", [], new Point(1, 2)), new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });

        Assert.Equal(("mail", 7, 0), (defaults.QueueName, defaults.MaxAttempts, defaults.Priority));
        Assert.Equal(("other", 2, 5), (overridden.QueueName, overridden.MaxAttempts, overridden.Priority));
        Assert.Equal(((string?)null, 25), (none.QueueName, none.MaxAttempts));
    }

    [Fact]
    public async Task A_typed_enqueue_many_with_one_shared_key_returns_the_one_job_as_stored()
    {
        var first = new TreeNode("first", [], new Point(1, 2));
        var last = new TreeNode("last", [], new Point(3, 4));

        var jobs = await Client.EnqueueManyTreeAsync([first, last], new EnqueueOptions { Key = "shared-" + Guid.NewGuid(), RunAt = DateTimeOffset.UtcNow.AddHours(1) });

        Assert.Equal(2, jobs.Count);
        Assert.Equal(jobs[0], jobs[1]);
        Assert.Contains("\"last\"", jobs[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_payload_shape_survives_the_database_and_the_worker()
    {
        var primitives = PayloadGenerators.Primitives.Single();
        var collections = PayloadGenerators.Collections.Single();
        var settings = PayloadGenerators.Settings.Single();
        var renamed = PayloadGenerators.UserRenamed.Single();
        var point = PayloadGenerators.Point.Single();
        var tree = PayloadGenerators.Tree.Single();

        var jobs = new[]
        {
            (await Client.EnqueuePrimitivesAsync(primitives)).Id,
            (await Client.EnqueueCollectionsAsync(collections)).Id,
            (await Client.EnqueueSettingsAsync(settings)).Id,
            (await Client.EnqueueUserRenamedAsync(renamed)).Id,
            (await Client.EnqueueMovePointAsync(point)).Id,
            (await Client.EnqueueTreeAsync(tree)).Id,
        };

        Assert.Equal(primitives, await Received.ForJobAsync<Primitives>(jobs[0]));
        SameValue(collections, await Received.ForJobAsync<Collections>(jobs[1]));
        SameValue(settings, await Received.ForJobAsync<Settings>(jobs[2]));
        Assert.Equal(renamed, await Received.ForJobAsync<UserRenamed>(jobs[3]));
        Assert.Equal(point, await Received.ForJobAsync<Point>(jobs[4]));
        SameValue(tree, await Received.ForJobAsync<TreeNode>(jobs[5]));
    }

    [Fact]
    public async Task A_job_enqueued_in_a_transaction_commits_and_rolls_back_with_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var rolledBackArgs = new Point(1, 1);
        var committedArgs = new Point(2, 2);

        long rolledBack;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            rolledBack = (await Client.EnqueueMovePointAsync(connection, transaction, rolledBackArgs)).Id;
            await transaction.RollbackAsync();
        }
        long committed;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            committed = (await Client.EnqueueMovePointAsync(connection, transaction, committedArgs)).Id;
            await transaction.CommitAsync();
        }

        Assert.Equal(committedArgs, await Received.ForJobAsync<Point>(committed));
        Assert.Null(await Admin.GetAsync(rolledBack));
    }

    [Fact]
    public async Task Many_jobs_enqueued_in_one_call_each_reach_the_handler()
    {
        var args = PayloadGenerators.Email.Array[200].Single();

        var jobs = await Client.EnqueueManySendEmailAsync(args, new EnqueueOptions { Queue = null, Priority = 3 });

        Assert.Equal(200, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(("mail", 7, 3), (job.QueueName, job.MaxAttempts, job.Priority)));
        for (var i = 0; i < args.Length; i++)
        {
            SameValue(args[i], await Received.ForJobAsync<EmailArgs>(jobs[i].Id));
        }
    }

    [Fact]
    public async Task Many_jobs_enqueued_in_a_transaction_commit_with_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var args = Enumerable.Range(0, 20).Select(i => new Point(i, -i)).ToArray();

        IReadOnlyList<JobRow> jobs;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            jobs = await Client.EnqueueManyMovePointAsync(connection, transaction, args);
            await transaction.CommitAsync();
        }

        for (var i = 0; i < args.Length; i++)
        {
            Assert.Equal(args[i], await Received.ForJobAsync<Point>(jobs[i].Id));
        }
    }

    [Theory]
    [InlineData("""{"event_id":5,"new_name":"x"}""", "The payload's property '$.event_id' must be a Guid string, but it is a number.")]
    [InlineData("""{"event_id":"7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61"}""", "The payload has no value for the required property '$.new_name'.")]
    [InlineData("""{"event_id":"7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61","new_name":"x","revision":"2"}""", "The payload's property '$.revision' must be an Int32, but it is a string.")]
    [InlineData("""[1,2]""", "The payload's property '$' must be an object, but it is an array.")]
    public async Task A_malformed_payload_from_SQL_fails_permanently_naming_the_property(string payload, string error)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT id FROM app_jobs.add_job($1, 'e2e_user_renamed', $2::json, max_attempts => 5)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        var id = (long)(await command.ExecuteScalarAsync())!;

        // Permanent at the first attempt: max_attempts is 5, and no retry is waited for.
        await Eventually.TrueAsync(async () => (await Admin.GetAsync(id))?.State == JobState.PermanentlyFailed, "the job to fail permanently");

        var job = (await Admin.GetAsync(id))!;
        Assert.StartsWith("Jobs.JobPayloadException: " + error, job.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snake_case_payload_written_by_SQL_reaches_the_handler()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT id FROM app_jobs.add_job($1, 'e2e_user_renamed',
              json_build_object('event_id', '7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61', 'new_name', 'Ada', 'occurred_at', '2024-05-06T07:08:09+02:00', 'ignored', true))
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        var id = (long)(await command.ExecuteScalarAsync())!;

        var args = await Received.ForJobAsync<UserRenamed>(id);

        Assert.Equal(new UserRenamed(Guid.Parse("7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61"), "Ada") { OccurredAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)) }, args);
    }
}
