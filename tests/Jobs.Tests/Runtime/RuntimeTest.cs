using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// Base of the runtime tests: a database of one schema flavour, emptied before each test, with
/// the framework's own slim data source over it and an executions table handlers write to.
/// </summary>
public abstract class RuntimeTest(SchemaDatabase database) : IAsyncLifetime
{
    protected static readonly Guid DatabaseId = Guid.Parse("0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11");

    /// <summary>
    /// The actor the tests' client enqueues for: required by 0.47's strict attribution, ignored
    /// where add_job takes none.
    /// </summary>
    protected static readonly JobAttribution TestActor = new() { ActorId = Guid.Parse("7b1f0c2a-3d4e-4f50-8a61-92b3c4d5e6f7") };

    protected SchemaDatabase Database { get; } = database;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    protected JobsClient Client { get; private set; } = null!;

    protected JobsAdmin Admin { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        DataSource = Database.JobsDataSource;
        Client = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor });
        Admin = new JobsAdmin(DataSource);
        await ExecuteAsync("""
            TRUNCATE app_jobs.jobs, app_jobs.job_queues, app_jobs.scheduled_jobs RESTART IDENTITY;
            CREATE TABLE IF NOT EXISTS public.executions (
              job_id bigint NOT NULL, task text NOT NULL, attempt int NOT NULL, worker text NOT NULL,
              started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL DEFAULT clock_timestamp());
            TRUNCATE public.executions;
            """);
    }

    // The data source is the class's: it outlives the test.
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// After a test ended every connection of its database: drops the idle ones the class's pool
    /// (the test's and its workers') still holds, all dead now, so later tests do not retry through
    /// them. A worker on a pool of its own must find out for itself.
    /// </summary>
    protected void ForgetKilledConnections() => DataSource.Clear();

    protected async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Records one execution of a job, from inside a handler.</summary>
    protected async Task RecordExecutionAsync(JobContext context, DateTimeOffset startedAt)
    {
        await ExecuteAsync("INSERT INTO public.executions (job_id, task, attempt, worker, started_at) VALUES ($1, $2, $3, $4, $5)",
            context.Id, context.TaskIdentifier, context.Attempt, context.WorkerId, startedAt);
    }

    /// <summary>How many pairs of recorded runs of <paramref name="task"/> overlap in time: 0 for a named queue's jobs.</summary>
    protected Task<long> OverlappingRunsAsync(string task) => ScalarAsync<long>("""
        SELECT count(*) FROM public.executions a JOIN public.executions b
          ON a.job_id < b.job_id AND a.task = $1 AND b.task = $1
         AND tstzrange(a.started_at, a.finished_at) && tstzrange(b.started_at, b.finished_at)
        """, task);

    protected Task<long> JobCountAsync() => ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs");

    /// <summary>Waits until the jobs table is empty; on timeout the message describes what is left, and <paramref name="worker"/>.</summary>
    protected Task WaitForNoJobsAsync(TimeSpan? timeout = null, JobsWorker? worker = null) =>
        DescribedOnTimeoutAsync(() => Eventually.TrueAsync(async () => await JobCountAsync() == 0, "every job to be completed", timeout), worker);

    /// <summary>Runs <paramref name="wait"/>; if it times out, the timeout's message also describes the jobs table and <paramref name="worker"/>.</summary>
    protected async Task DescribedOnTimeoutAsync(Func<Task> wait, JobsWorker? worker)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}; {await DescribeAsync(worker)}", timedOut);
        }
    }

    /// <summary>The jobs table (the first ten jobs) and, when given, a worker that did not get as far as expected, for a failure's message.</summary>
    protected async Task<string> DescribeAsync(JobsWorker? worker = null)
    {
        var jobs = await ScalarAsync<string>("""
            SELECT (SELECT count(*) FROM app_jobs.jobs) || ' job(s) (task:queue:locked_by:attempts, due in, last error): '
                   || coalesce((SELECT string_agg(line, ', ') FROM (
                        SELECT task_identifier || ':' || coalesce(queue_name, '-') || ':' || coalesce(locked_by, 'unlocked') || ':' || attempts
                               || ' ' || (run_at - now())::text || ' ' || coalesce(left(last_error, 60), '-') AS line
                          FROM app_jobs.jobs ORDER BY id LIMIT 10) first_ten), '')
            """);
        if (worker is null)
        {
            return jobs;
        }
        var health = worker.Health;
        return $"{jobs}; worker {worker.WorkerId}, listening {health.ListenerConnected}; last fetch {health.LastSuccessfulFetch:O}, wanted since {health.FetchWantedSince:O}, last error {health.LastFetchError ?? "none"}; running {health.RunningJobs}";
    }

    protected static byte[] Json(string json) => System.Text.Encoding.UTF8.GetBytes(json);
}
