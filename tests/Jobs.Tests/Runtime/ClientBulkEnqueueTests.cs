using System.Text;
using Jobs.Sql;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// EnqueueManyAsync without keys: what it returns is what the database stored, it matches
/// add_job's keyless insert, and whatever goes wrong midway stores nothing.
/// </summary>
public abstract class ClientBulkEnqueueTests(SchemaDatabase database) : RuntimeTest(database)
{
    private static readonly Guid Tenant = Guid.Parse("7a0d7c6e-1b0e-4f43-8d7e-5c2a9e1f0b33");

    /// <summary>A batch that goes in one INSERT statement, and the smallest that goes by COPY.</summary>
    public static TheoryData<int> Sizes => new() { 8, KeylessBulkInsert.MinimumRows };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Returned_rows_equal_the_stored_rows(int size)
    {
        var jobs = await Client.EnqueueManyAsync(Mix(size));

        Assert.Equal(size, await JobCountAsync());
        await AssertStoredAsync(jobs);
        Assert.All(jobs, job => Assert.Equal(TimeSpan.Zero, job.RunAt.Offset));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Rows_match_add_job_called_row_by_row(int size)
    {
        var client = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = TestActor }, new FixedTimeProvider(DateTimeOffset.UtcNow));
        var requests = Mix(size);
        var one = new List<JobRow>();
        foreach (var request in requests)
        {
            one.Add(await client.EnqueueAsync(request.TaskIdentifier, request.Payload, request.Options));
        }
        var many = await client.EnqueueManyAsync(requests);

        for (var i = 0; i < size; i++)
        {
            // Ids and insert times differ between the two runs; a run_at left to the database is
            // its transaction's now(), the same instant as created_at.
            var defaultRunAt = requests[i].Options is not { RunAt: not null } and not { Delay: not null };
            Assert.Equal(Comparable(one[i], defaultRunAt), Comparable(many[i], defaultRunAt));
        }
    }

    [Fact]
    public async Task Input_order_is_kept_and_ids_rise_with_it()
    {
        var requests = Enumerable.Range(0, 10_000).Select(i => new JobRequest("ordered", Json($$"""{"n":{{i}}}"""))).ToList();

        var jobs = await Client.EnqueueManyAsync(requests);

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $$"""{"n":{{i}}}"""), jobs.Select(j => j.Payload));
        Assert.True(jobs.Zip(jobs.Skip(1)).All(pair => pair.First.Id < pair.Second.Id), "ids rise in input order");
    }

    /// <summary>
    /// Jobs in the large call: 100,000, copied set-wise where add_job is a plain insert. Where every
    /// row goes through add_job (0.47) the statement is the same at any size, and 100,000 calls of
    /// add_job only cost the suite time.
    /// </summary>
    protected virtual int LargeCall => 100_000;

    [Fact]
    public async Task A_large_call_enqueues_every_job()
    {
        var count = LargeCall;
        var requests = Enumerable.Range(0, count)
            .Select(i => new JobRequest("bulk", Json($$"""{"n":{{i}}}"""), i % 10 == 0 ? new EnqueueOptions { Queue = "tenth" } : null))
            .ToList();

        var jobs = await Client.EnqueueManyAsync(requests);

        Assert.Equal(count, jobs.Count);
        Assert.Equal(count, await JobCountAsync());
        Assert.Equal(count, jobs.Select(j => j.Id).Distinct().Count());
        Assert.Equal($$"""{"n":{{count - 1}}}""", jobs[^1].Payload);
        Assert.Equal(count / 10, await ScalarAsync<int>("SELECT job_count FROM app_jobs.job_queues WHERE queue_name = 'tenth'"));
        await AssertStoredAsync([jobs[0], jobs[1], jobs[count / 2], jobs[^1]]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Queue_counts_follow_the_jobs(int size)
    {
        await Client.EnqueueAsync("before", default, new EnqueueOptions { Queue = "serial" });

        await Client.EnqueueManyAsync(Mix(size));

        var counts = await QueueCountsAsync();
        Assert.Equal(new[] { "other", "serial" }, counts.Keys.Order());
        foreach (var (queue, count) in counts)
        {
            Assert.Equal(await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE queue_name = $1", queue), count);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Workers_are_notified_on_jobs_insert(int size)
    {
        await using var listener = await DataSource.OpenConnectionAsync();
        await using (var listen = new NpgsqlCommand("LISTEN \"jobs:insert\"", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => received.TrySetResult(e.Channel);

        await Client.EnqueueManyAsync(Mix(size));

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10)), "no notification arrived");
        Assert.Equal("jobs:insert", await received.Task);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_rolled_back_caller_transaction_leaves_nothing(int size)
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var jobs = await Client.EnqueueManyAsync(connection, transaction, Mix(size));
            Assert.Equal(size, jobs.Count);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await JobCountAsync());
        Assert.Empty(await QueueCountsAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_connection_already_in_a_transaction_keeps_the_jobs_in_it(int size)
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // The transaction is not handed over: the jobs still belong to it.
            await Client.EnqueueManyAsync(connection, null, Mix(size));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await JobCountAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_failing_row_midway_stores_no_job_and_leaves_the_connection_usable(int size)
    {
        await Client.EnqueueAsync("before", default, new EnqueueOptions { Queue = "serial" });
        var requests = Mix(size);
        // Passes validation (NUL, which once served here, is now refused by the client), but a
        // trigger refuses the row on the server.
        requests[size / 2] = new JobRequest("bad_task", default, new EnqueueOptions { Queue = "serial" });
        await ExecuteAsync("""
            CREATE FUNCTION public.refuse_bad_task() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.task_identifier = 'bad_task' THEN
                RAISE EXCEPTION 'refused by a trigger';
              END IF;
              RETURN NEW;
            END;
            $$;
            CREATE TRIGGER zz_refuse_bad_task BEFORE INSERT ON app_jobs.jobs FOR EACH ROW EXECUTE FUNCTION public.refuse_bad_task();
            """);
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync();
            await Assert.ThrowsAsync<PostgresException>(() => Client.EnqueueManyAsync(connection, null, requests));

            Assert.Equal(1, await JobCountAsync());
            Assert.Equal(1, (await QueueCountsAsync())["serial"]);
            await using var probe = new NpgsqlCommand("SELECT count(*) FROM app_jobs.jobs", connection);
            Assert.Equal(1L, await probe.ExecuteScalarAsync());
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER zz_refuse_bad_task ON app_jobs.jobs; DROP FUNCTION public.refuse_bad_task()");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Cancelling_midway_stores_no_job(int size)
    {
        await Client.EnqueueAsync("before", default, new EnqueueOptions { Queue = "serial" });
        await using var locker = await DataSource.OpenConnectionAsync();
        await using var held = await locker.BeginTransactionAsync();
        await using (var lockQueue = new NpgsqlCommand("SELECT 1 FROM app_jobs.job_queues WHERE queue_name = 'serial' FOR UPDATE", locker, held))
        {
            await lockQueue.ExecuteNonQueryAsync();
        }

        // The insert trigger that counts queued jobs waits for the locked queue row: the batch is
        // in the database, unfinished, when the token is cancelled.
        await using var connection = await DataSource.OpenConnectionAsync();
        using var cancel = new CancellationTokenSource();
        var enqueue = Client.EnqueueManyAsync(connection, null, Mix(size), cancel.Token);
        await Eventually.TrueAsync(
            async () => await ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE pid = $1 AND NOT granted", connection.ProcessID) > 0,
            "the batch to wait for the locked queue row");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enqueue.WaitAsync(TimeSpan.FromSeconds(30)));
        await held.RollbackAsync();
        Assert.Equal(1, await JobCountAsync());
        Assert.Equal(1, (await QueueCountsAsync())["serial"]);
    }

    [Fact]
    public async Task Invalid_input_leaves_the_caller_transaction_untouched()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Client.EnqueueManyAsync(connection, transaction, Mix(KeylessBulkInsert.MinimumRows));
        var requests = Mix(KeylessBulkInsert.MinimumRows);
        requests[^1] = new JobRequest("bad", Json("{not json"));

        await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync(connection, transaction, requests));

        await transaction.CommitAsync();
        Assert.Equal(KeylessBulkInsert.MinimumRows, await JobCountAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_payload_with_broken_utf8_is_refused_and_nothing_is_stored(int size)
    {
        // Stored bytes must equal the bytes sent: a bad byte inside a string is refused, never
        // replaced with U+FFFD, on every insert path.
        var requests = Mix(size);
        requests[0] = new JobRequest("broken", (byte[])[.. Encoding.UTF8.GetBytes("{\"a\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync(requests));

        Assert.StartsWith("jobs[0]: The payload is not valid UTF-8: the bytes at offset 6 (FF 22 7D)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Values_a_trigger_varies_from_row_to_row_are_returned_as_stored(int size)
    {
        // Not the schema's own trigger: created_at differs on every row, and some rows get a
        // last_error and an attempt, so no one summary of the batch holds.
        await ExecuteAsync("""
            CREATE FUNCTION public.vary_filled_in() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.created_at = clock_timestamp();
              IF NEW.priority = 4 THEN
                NEW.last_error = 'set by a trigger';
                NEW.attempts = 1;
              END IF;
              RETURN NEW;
            END;
            $$;
            CREATE TRIGGER zz_vary_filled_in BEFORE INSERT ON app_jobs.jobs FOR EACH ROW EXECUTE FUNCTION public.vary_filled_in();
            """);
        try
        {
            var jobs = await Client.EnqueueManyAsync(Mix(size));

            Assert.Contains(jobs, job => job.LastError == "set by a trigger" && job.Attempts == 1);
            Assert.True(jobs.Select(job => job.CreatedAt).Distinct().Count() > 1, "created_at varies");
            await AssertStoredAsync(jobs);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER zz_vary_filled_in ON app_jobs.jobs; DROP FUNCTION public.vary_filled_in()");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Run_at_at_the_ends_of_time_is_returned_as_stored(int size)
    {
        // Npgsql sends DateTime.MinValue and MaxValue as -infinity and infinity.
        var requests = Mix(size);
        requests[0] = new JobRequest("never", default, new EnqueueOptions { RunAt = DateTimeOffset.MaxValue });
        requests[1] = new JobRequest("always", default, new EnqueueOptions { RunAt = DateTimeOffset.MinValue });

        var jobs = await Client.EnqueueManyAsync(requests);

        Assert.Equal(DateTimeOffset.MaxValue, jobs[0].RunAt);
        Assert.Equal(DateTimeOffset.MinValue, jobs[1].RunAt);
        Assert.Equal("infinity", await ScalarAsync<string>("SELECT run_at::text FROM app_jobs.jobs WHERE id = $1", jobs[0].Id));
        await AssertStoredAsync(jobs);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Ids_from_a_falling_sequence_still_pair_up(int size)
    {
        var sequence = await ScalarAsync<string>("SELECT pg_get_serial_sequence('app_jobs.jobs', 'id')");
        await ExecuteAsync($"ALTER SEQUENCE {sequence} INCREMENT BY -1 MINVALUE -1000000 RESTART WITH 100000");
        try
        {
            var jobs = await Client.EnqueueManyAsync(Mix(size));

            Assert.True(jobs.Zip(jobs.Skip(1)).All(pair => pair.First.Id > pair.Second.Id), "ids fall in input order");
            await AssertStoredAsync(jobs);
        }
        finally
        {
            await ExecuteAsync($"ALTER SEQUENCE {sequence} INCREMENT BY 1 MINVALUE 1 RESTART WITH 1");
        }
    }

    /// <summary>
    /// Every kind of option, cycled to <paramref name="count"/> rows, each task name numbered so
    /// the order shows: queues and none, run_at off UTC with sub-microsecond ticks, a delay,
    /// priorities, attempts, another tenant, payloads with Unicode, escapes, nesting and spacing.
    /// </summary>
    private static JobRequest[] Mix(int count)
    {
        var runAt = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        // "everything" is due before 2000-01-01, where timestamptz counts back from its epoch.
        JobRequest[] kinds =
        [
            new("plain", Json("""{"n":0}""")),
            new("queued", Json("""{"to":"zoë@example.com","tags":["α","β","中文"]}"""), new EnqueueOptions { Queue = "serial" }),
            new("queued", Json("""{"emoji":"😀","escaped":"\u00e9\n\"q\""}"""), new EnqueueOptions { Queue = "other", Priority = 4 }),
            new("scheduled", Json("""{"nested":{"a":[1,{"b":[true,null,2.5e3]}],"s":"x"}}"""), new EnqueueOptions { RunAt = runAt }),
            new("delayed", default, new EnqueueOptions { Delay = TimeSpan.FromMinutes(5) }),
            new("urgent", Json("""  { "spaced" : [ 1 , 2 ] }  """), new EnqueueOptions { Priority = -7, MaxAttempts = 3 }),
            new("tenant", Json("[]"), new EnqueueOptions { DatabaseId = Tenant, MaxAttempts = 1 }),
            new("everything", Json("\"just a string\""), new EnqueueOptions { Queue = "serial", RunAt = runAt.AddYears(-45), Priority = 9, MaxAttempts = 40, DatabaseId = Tenant }),
        ];
        return Enumerable.Range(0, count).Select(i => kinds[i % kinds.Length] with { TaskIdentifier = $"{kinds[i % kinds.Length].TaskIdentifier}-{i}" }).ToArray();
    }

    private static object Comparable(JobRow row, bool defaultRunAt) => (
        row.DatabaseId, row.QueueName, row.TaskIdentifier, row.Payload, row.Priority, defaultRunAt ? (object)(row.RunAt == row.CreatedAt) : row.RunAt,
        row.Attempts, row.MaxAttempts, row.Key, row.LastError, row.LockedAt, row.LockedBy, row.CreatedAt == row.UpdatedAt);

    private async Task AssertStoredAsync(IReadOnlyList<JobRow> jobs)
    {
        await using var command = DataSource.CreateCommand("SELECT * FROM app_jobs.jobs WHERE id = ANY ($1)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = jobs.Select(j => j.Id).ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        var stored = (await JobRowReader.ReadAllAsync(reader, CancellationToken.None)).ToDictionary(j => j.Id);
        Assert.Equal(jobs.Count, stored.Count);
        foreach (var job in jobs)
        {
            Assert.Equal(stored[job.Id], job);
        }
    }

    private async Task<Dictionary<string, int>> QueueCountsAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT queue_name, job_count FROM app_jobs.job_queues");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }
}

public sealed class ClientBulkEnqueueTestsOnInstaller(InstallerDatabase database) : ClientBulkEnqueueTests(database), IClassFixture<InstallerDatabase>;

public sealed class ClientBulkEnqueueTestsOnPgpm(PgpmDatabase database) : ClientBulkEnqueueTests(database), IClassFixture<PgpmDatabase>;

public sealed class ClientBulkEnqueueTestsOnUpstream047(Upstream047Database database) : ClientBulkEnqueueTests(database), IClassFixture<Upstream047Database>
{
    protected override int LargeCall => 20_000;
}
