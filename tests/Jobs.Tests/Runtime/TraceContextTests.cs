using System.Collections.Concurrent;
using System.Diagnostics;
using Jobs.Schema;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The creation context carried from enqueue to run through the trace schema: the worker's
/// <c>process</c> span links to the <c>create</c> span, across the database, as an exporter would
/// see it. Each test names its own tasks: a listener hears every span of the process.
/// </summary>
public abstract class TraceContextTests(SchemaDatabase database) : SpanRecordingTest(database, CallerSourceName)
{
    private const string CallerSourceName = "Jobs.Tests.TraceContexts";
    private static readonly ActivitySource CallerSource = new(CallerSourceName);
    private readonly string _unique = Guid.NewGuid().ToString("N")[..8];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new TraceContextInstaller(DataSource).InstallAsync();
        await ExecuteAsync("TRUNCATE app_jobs_trace.job_contexts");
    }

    private string Named(string name) => $"{name}_{_unique}";

    private Activity Span(string name) => Assert.Single(Spans, s => s.DisplayName == name);

    private Task<long> ContextCountAsync() => ScalarAsync<long>("SELECT count(*) FROM app_jobs_trace.job_contexts");

    /// <summary>Runs the jobs of <paramref name="task"/> until <paramref name="count"/> runs ended and their spans stopped.</summary>
    private async Task RunAsync(string task, int count, FetchStrategy strategy = FetchStrategy.Batched)
    {
        var runs = 0;
        var dispatcher = new TestDispatcher().Handle(task, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        await using var worker = new WorkerRun(Database.ConnectionString, dispatcher, new JobsWorkerOptions { Concurrency = 1, FetchStrategy = strategy });
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref runs) >= count && Spans.Count(s => s.DisplayName == "process " + task) >= count), $"{count} run(s) of {task}");
    }

    [Fact]
    public async Task Installing_twice_applies_the_migration_once()
    {
        var installer = new TraceContextInstaller(DataSource);
        Assert.Empty(await installer.InstallAsync());
        Assert.Equal(1, await installer.InstalledVersionAsync());
        Assert.Equal("app_jobs_trace", installer.TraceSchema.Value);
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task A_run_links_to_the_span_that_enqueued_its_job_and_starts_a_trace_of_its_own(FetchStrategy strategy)
    {
        var task = Named("traced");
        using (CallerSource.StartActivity("request"))
        {
            await Client.EnqueueAsync(task, "{}"u8.ToArray());
        }
        Assert.Equal(1, await ContextCountAsync());

        await RunAsync(task, 1, strategy);

        var create = Span("create " + task);
        var process = Span("process " + task);
        var link = Assert.Single(process.Links);
        Assert.Equal(create.TraceId, link.Context.TraceId);
        Assert.Equal(create.SpanId, link.Context.SpanId);
        Assert.NotEqual(create.TraceId, process.TraceId);
    }

    [Fact]
    public async Task A_caller_waiting_on_another_callers_detection_asks_again_on_its_own_connection_when_that_one_fails()
    {
        var traces = new Jobs.Tracing.TraceContexts(Jobs.Schema.SchemaName.Default, RoleGrants.WorkerTracePrivileges);
        await using var proxy = TcpProxy.ForConnectionString(Database.ConnectionString);
        await using var cut = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(proxy.Rewrite(Database.ConnectionString)) { Pooling = false }.ConnectionString);
        await cut.OpenAsync();
        await using var direct = await DataSource.OpenConnectionAsync();
        proxy.Freeze();

        var first = traces.UsableAsync(cut, null, CancellationToken.None); // asks, and gets no answer
        var second = traces.UsableAsync(direct, null, CancellationToken.None); // waits for the first's answer
        Assert.False(second.IsCompleted);
        proxy.Kill();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => first);
        // The first asking's failure says nothing about the schema: the second asked on its own connection.
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task With_the_option_a_first_run_is_the_child_of_its_create_span_and_a_retry_only_links()
    {
        var task = Named("parented");
        using (CallerSource.StartActivity("request"))
        {
            await Client.EnqueueAsync(task, "{}"u8.ToArray(), new EnqueueOptions { MaxAttempts = 2 });
        }
        var runs = 0;
        var dispatcher = new TestDispatcher().Handle(task, (context, _) =>
        {
            Interlocked.Increment(ref runs);
            return context.Attempt == 1 ? throw new InvalidOperationException("once more") : Task.CompletedTask;
        });
        var options = new JobsWorkerOptions { Concurrency = 1, ParentFirstAttemptOnCreation = true, PollInterval = TimeSpan.FromMilliseconds(100) };
        await using (new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await Eventually.TrueAsync(async () => await ScalarAsync<int>("SELECT coalesce(max(attempts), 0) FROM app_jobs.jobs WHERE task_identifier = $1 AND last_error IS NOT NULL", task) == 1,
                "the first attempt to fail");
            // The retry is due after app_jobs' backoff: brought forward rather than waited for.
            await ExecuteAsync("UPDATE app_jobs.jobs SET run_at = now() WHERE task_identifier = $1", task);
            await Eventually.TrueAsync(() => Task.FromResult(Spans.Count(s => s.DisplayName == "process " + task) == 2), "the retry to run");
        }

        var create = Span("create " + task);
        var spans = Spans.Where(s => s.DisplayName == "process " + task).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, spans.Count);
        Assert.Equal(2, runs);
        Assert.Equal(create.TraceId, spans[0].TraceId);
        Assert.Equal(create.SpanId, spans[0].ParentSpanId);
        Assert.NotEqual(create.TraceId, spans[1].TraceId);
        Assert.All(spans, run => Assert.Equal(create.SpanId, Assert.Single(run.Links).Context.SpanId));
    }

    [Fact]
    public async Task Every_job_enqueued_in_one_call_links_to_the_send_span()
    {
        var task = Named("batched");
        await Client.EnqueueManyAsync(Enumerable.Range(0, 3).Select(_ => new JobRequest(task, "{}"u8.ToArray())));
        Assert.Equal(3, await ContextCountAsync());

        await RunAsync(task, 3);

        var send = Span("send " + task);
        var runs = Spans.Where(s => s.DisplayName == "process " + task).ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, run => Assert.Equal(send.SpanId, Assert.Single(run.Links).Context.SpanId));
    }

    [Fact]
    public async Task On_the_callers_connection_the_contexts_commit_and_roll_back_with_the_callers_transaction()
    {
        var task = Named("caller_tx");
        await using var connection = await DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Client.EnqueueAsync(connection, transaction, task, "{}"u8.ToArray());
            // The transaction not handed over: the connection is in it all the same.
            await Client.EnqueueManyAsync(connection, null, Enumerable.Range(0, 2).Select(_ => new JobRequest(task, "{}"u8.ToArray())));
            await using (var inside = new Npgsql.NpgsqlCommand("SELECT count(*) FROM app_jobs_trace.job_contexts", connection, transaction))
            {
                Assert.Equal(3L, await inside.ExecuteScalarAsync());
            }
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await JobCountAsync());
        Assert.Equal(0, await ContextCountAsync());

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Client.EnqueueAsync(connection, transaction, task, "{}"u8.ToArray());
            await Client.EnqueueManyAsync(connection, null, Enumerable.Range(0, 2).Select(_ => new JobRequest(task, "{}"u8.ToArray())));
            await transaction.CommitAsync();
        }
        Assert.Equal(3, await JobCountAsync());
        Assert.Equal(3, await ContextCountAsync());
    }

    [Fact]
    public async Task A_context_stored_for_an_earlier_job_with_the_same_id_is_not_used()
    {
        var task = Named("reused_id");
        var job = await Client.EnqueueAsync(task, "{}"u8.ToArray());
        // Enqueued while a listener heard it, so its context is stored: made to look like an earlier job's.
        Assert.Equal(1, await ContextCountAsync());
        await ExecuteAsync("UPDATE app_jobs_trace.job_contexts SET job_created_at = job_created_at - interval '1 day' WHERE job_id = $1", job.Id);

        await RunAsync(task, 1);

        Assert.Empty(Span("process " + task).Links);
    }

    [Fact]
    public async Task Workers_remove_the_contexts_of_jobs_that_are_gone()
    {
        var task = Named("swept");
        using (CallerSource.StartActivity("request"))
        {
            await Client.EnqueueManyAsync(Enumerable.Range(0, 2).Select(_ => new JobRequest(task, "{}"u8.ToArray())));
        }
        var waiting = await Client.EnqueueAsync(Named("kept"), "{}"u8.ToArray(), new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(3, await ContextCountAsync());

        await RunAsync(task, 2);
        // A worker sweeps when it starts: the two completed jobs' contexts go, the waiting job's stays.
        var idle = new TestDispatcher().Handle(Named("idle"), (_, _) => Task.CompletedTask);
        await using (new WorkerRun(Database.ConnectionString, idle, new JobsWorkerOptions { Concurrency = 1 }))
        {
            await Eventually.TrueAsync(async () => await ContextCountAsync() == 1, "the completed jobs' contexts to be removed");
        }
        Assert.Equal(waiting.Id, await ScalarAsync<long>("SELECT job_id FROM app_jobs_trace.job_contexts"));
    }

    [Fact]
    public async Task Roles_without_grants_on_the_trace_schema_enqueue_and_run_as_before_without_contexts()
    {
        var task = Named("ungranted");
        await using var clientRole = await TestRole.ForComponentAsync(Database, JobsComponent.Client);
        await using var workerRole = await TestRole.ForComponentAsync(Database, JobsComponent.Worker);
        await using var clientSource = JobsDataSource.Create(clientRole.ConnectionString);
        var client = new JobsClient(clientSource, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor });

        // The client's role may not write the contexts: the job is stored all the same, without one.
        var unstored = await client.EnqueueAsync(task, "{}"u8.ToArray());
        Assert.Equal(0, await ContextCountAsync());
        // One stored by a role that may, which the worker's role may not read.
        var stored = await Client.EnqueueAsync(task, "{}"u8.ToArray());
        Assert.Equal(1, await ContextCountAsync());

        var ran = new ConcurrentBag<long>();
        var dispatcher = new TestDispatcher().Handle(task, (context, _) =>
        {
            ran.Add(context.Id);
            return Task.CompletedTask;
        });
        await using (new WorkerRun(workerRole.ConnectionString, dispatcher, new JobsWorkerOptions { Concurrency = 1 }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(Spans.Count(s => s.DisplayName == "process " + task) == 2), "both jobs to run");
        }

        Assert.Equal(new[] { stored.Id, unstored.Id }.Order(), ran.Order());
        Assert.All(Spans.Where(s => s.DisplayName == "process " + task), run => Assert.Empty(run.Links));
        // Nor could it remove contexts: the one stored stays for a worker that may.
        Assert.Equal(1, await ContextCountAsync());
    }

    [Fact]
    public async Task Roles_granted_what_jobs_grants_prints_store_link_and_sweep_and_a_partial_grant_is_none()
    {
        var task = Named("granted");
        await using var clientRole = await TestRole.ForComponentAsync(Database, JobsComponent.Client);
        await clientRole.GrantAsync(RoleGrants.ForTraceContexts(JobsComponent.Client, clientRole.Name));
        await using var workerRole = await TestRole.ForComponentAsync(Database, JobsComponent.Worker);
        await workerRole.GrantAsync(RoleGrants.ForTraceContexts(JobsComponent.Worker, workerRole.Name));
        // INSERT alone is not enough for the client's upsert: such a client stores nothing.
        await using var partialRole = await TestRole.ForComponentAsync(Database, JobsComponent.Client);
        await partialRole.GrantAsync([$"GRANT USAGE ON SCHEMA app_jobs_trace TO {partialRole.Name};", $"GRANT INSERT ON app_jobs_trace.job_contexts TO {partialRole.Name};"]);
        await using var clientSource = JobsDataSource.Create(clientRole.ConnectionString);
        await using var partialSource = JobsDataSource.Create(partialRole.ConnectionString);
        JobsClient ClientOf(Npgsql.NpgsqlDataSource source) => new(source, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor });

        await ClientOf(partialSource).EnqueueAsync(task, "{}"u8.ToArray());
        Assert.Equal(0, await ContextCountAsync());
        await ClientOf(clientSource).EnqueueAsync(task, "{}"u8.ToArray());
        Assert.Equal(1, await ContextCountAsync());

        var dispatcher = new TestDispatcher().Handle(task, (_, _) => Task.CompletedTask);
        await using (new WorkerRun(workerRole.ConnectionString, dispatcher, new JobsWorkerOptions { Concurrency = 1 }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(Spans.Count(s => s.DisplayName == "process " + task) == 2), "both jobs to run");
        }
        var create = Assert.Single(Spans, s => s.DisplayName == "create " + task && s.GetTagItem("messaging.message.id") is string id
            && id == Spans.First(p => p.DisplayName == "process " + task && p.Links.Any()).GetTagItem("messaging.message.id") as string);
        Assert.Equal(1, Spans.Count(s => s.DisplayName == "process " + task && s.Links.Any(l => l.Context.SpanId == create.SpanId)));
        // The worker's role may remove the context of the completed job: a second worker's start sweeps it.
        await using (new WorkerRun(workerRole.ConnectionString, dispatcher, new JobsWorkerOptions { Concurrency = 1 }))
        {
            await Eventually.TrueAsync(async () => await ContextCountAsync() == 0, "the completed job's context to be removed");
        }
    }
}

public sealed class TraceContextTestsOnInstaller(InstallerDatabase database) : TraceContextTests(database), IClassFixture<InstallerDatabase>;

public sealed class TraceContextTestsOnPgpm(PgpmDatabase database) : TraceContextTests(database), IClassFixture<PgpmDatabase>;

public sealed class TraceContextTestsOnUpstream047(Upstream047Database database) : TraceContextTests(database), IClassFixture<Upstream047Database>;
