using System.Diagnostics;
using System.Globalization;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The spans of enqueueing and running, as an OpenTelemetry exporter would receive them: names,
/// kinds and attributes after the messaging semantic conventions (1.27.0).
/// </summary>
public abstract class MessagingSpanTests(SchemaDatabase database) : SpanRecordingTest(database, TestSourceName)
{
    private const string TestSourceName = "Jobs.Tests.MessagingSpans";

    // The test's own spans, standing for the caller's (an HTTP request, say).
    private static readonly ActivitySource TestSource = new(TestSourceName);

    // Other tests (this class on the other schemas among them) run beside it, and a listener hears
    // every span of the process: each test's names are its own.
    private readonly string _unique = Guid.NewGuid().ToString("N")[..8];

    private string Named(string name) => $"{name}_{_unique}";

    /// <summary>The spans of this test's task or queue <paramref name="destination"/>.</summary>
    private List<Activity> SpansOf(string destination) =>
        [.. Spans.Where(s => Equals(s.GetTagItem(MessagingSpansNames.Destination), destination) || s.DisplayName.EndsWith(" " + destination, StringComparison.Ordinal))];

    [Fact]
    public async Task Enqueueing_one_job_is_a_create_producer_span_under_the_callers_span_with_the_job_id()
    {
        JobRow job;
        ActivityContext caller;
        using (var parent = TestSource.StartActivity("http request"))
        {
            caller = parent!.Context;
            job = await Client.EnqueueAsync(Named("span_create_one"), "{}"u8.ToArray());
        }

        var span = Assert.Single(SpansOf(Named("span_create_one")));
        Assert.Equal("create " + Named("span_create_one"), span.DisplayName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(caller.TraceId, span.TraceId);
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal("app_jobs", span.GetTagItem("messaging.system"));
        Assert.Equal("create", span.GetTagItem("messaging.operation.type"));
        Assert.Equal("create", span.GetTagItem("messaging.operation.name"));
        Assert.Equal(Named("span_create_one"), span.GetTagItem("messaging.destination.name"));
        Assert.Equal(job.Id.ToString(CultureInfo.InvariantCulture), span.GetTagItem("messaging.message.id"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_job_in_a_named_queue_has_the_queue_as_its_destination()
    {
        await Client.EnqueueAsync(Named("span_queued_task"), "{}"u8.ToArray(), new EnqueueOptions { Queue = Named("span_queue") });

        var span = Assert.Single(SpansOf(Named("span_queue")));
        Assert.Equal("create " + Named("span_queue"), span.DisplayName);
        Assert.Equal(Named("span_queued_task"), span.GetTagItem("job.task"));
    }

    [Fact]
    public async Task Enqueueing_many_is_one_send_span_naming_the_destination_only_when_all_share_it()
    {
        await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest(Named("span_send_same"), "{}"u8.ToArray())));
        var same = Assert.Single(SpansOf(Named("span_send_same")));
        Assert.Equal("send " + Named("span_send_same"), same.DisplayName);
        Assert.Equal(ActivityKind.Producer, same.Kind);
        Assert.Equal("send", same.GetTagItem("messaging.operation.type"));
        Assert.Equal(3, same.GetTagItem("messaging.batch.message_count"));

        using (TestSource.StartActivity("mixed batch")?.SetTag("test", _unique))
        {
            await Client.EnqueueManyAsync([new JobRequest(Named("span_send_a"), "{}"u8.ToArray()), new JobRequest(Named("span_send_b"), "{}"u8.ToArray())]);
        }
        var mixedParent = Assert.Single(Spans, s => s.DisplayName == "mixed batch" && s.GetTagItem("test") is string t && t == _unique);
        var mixed = Assert.Single(Spans, s => s.ParentSpanId == mixedParent.SpanId);
        Assert.Equal("send", mixed.DisplayName);
        Assert.Null(mixed.GetTagItem("messaging.destination.name"));
        Assert.Equal(2, mixed.GetTagItem("messaging.batch.message_count"));
    }

    [Fact]
    public async Task An_enqueue_the_database_refuses_ends_its_span_in_error_with_the_error_type()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var broken = new NpgsqlCommand("SELECT 1/0", connection, transaction))
        {
            await Assert.ThrowsAsync<PostgresException>(() => broken.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<PostgresException>(() => Client.EnqueueAsync(connection, transaction, Named("span_refused"), "{}"u8.ToArray()));

        var span = Assert.Single(SpansOf(Named("span_refused")));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(PostgresException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Running_a_job_is_a_process_consumer_span_naming_the_job_and_the_worker()
    {
        var ran = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Handle(Named("span_process"), (context, _) =>
        {
            ran.TrySetResult(context.Id);
            return Task.CompletedTask;
        });
        var job = await Client.EnqueueAsync(Named("span_process"), "{}"u8.ToArray());
        string workerId;
        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, new JobsWorkerOptions { Concurrency = 1 }))
        {
            workerId = worker.Worker.WorkerId;
            Assert.Equal(job.Id, await ran.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var span = Assert.Single(SpansOf(Named("span_process")), s => s.Kind == ActivityKind.Consumer);
        Assert.Equal("process " + Named("span_process"), span.DisplayName);
        Assert.Equal("app_jobs", span.GetTagItem("messaging.system"));
        Assert.Equal("process", span.GetTagItem("messaging.operation.type"));
        Assert.Equal(job.Id.ToString(CultureInfo.InvariantCulture), span.GetTagItem("messaging.message.id"));
        Assert.Equal(workerId, span.GetTagItem("messaging.client.id"));
        Assert.Equal(1, span.GetTagItem("job.attempt"));
        // This database has no trace schema: nothing to link to, and nothing failed for it.
        Assert.Empty(span.Links);
    }

    private static class MessagingSpansNames
    {
        public const string Destination = "messaging.destination.name";
    }
}

public sealed class MessagingSpanTestsOnInstaller(InstallerDatabase database) : MessagingSpanTests(database), IClassFixture<InstallerDatabase>;

public sealed class MessagingSpanTestsOnPgpm(PgpmDatabase database) : MessagingSpanTests(database), IClassFixture<PgpmDatabase>;

public sealed class MessagingSpanTestsOnUpstream047(Upstream047Database database) : MessagingSpanTests(database), IClassFixture<Upstream047Database>;
