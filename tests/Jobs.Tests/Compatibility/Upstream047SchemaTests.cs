using System.Text.Json.Nodes;
using Jobs.Tests.Infrastructure;
using Npgsql;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

/// <summary>
/// SQL-level proof that Upstream047Schema.sql behaves like @pgpm/database-jobs 0.47: claims and
/// attribution, availability and lock recovery, per-statement NOTIFY, the newer run_scheduled_job,
/// and the object names and signatures tools rely on. Every call names its arguments.
/// </summary>
public sealed class Upstream047SchemaTests(Upstream047Database database) : CompatibilityTest(database), IClassFixture<Upstream047Database>
{
    // SQLSTATE generated_always: a generated column was given a value.
    private const string GeneratedAlways = "428C9";
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(10);
    private static readonly Guid Actor = Guid.Parse("b9d22af1-62c7-43a5-b8c4-50630bbd4962");
    private static readonly Guid Principal = Guid.Parse("0d7e3b1e-8a3c-4c52-9d3f-6f1d2b1c0a77");
    private static readonly Guid Entity = Guid.Parse("7c1f2a44-3b5e-4d0a-9e6b-2f8d4c3a1b90");
    private static readonly Guid Organization = Guid.Parse("e4a9c2d1-5f6b-4a7c-8d9e-0a1b2c3d4e5f");

    // Npgsql hides DETAIL unless asked: the attribution errors carry their JSON there.
    private NpgsqlDataSource? _detailed;

    private NpgsqlDataSource Detailed => _detailed ?? throw new InvalidOperationException("Not initialised.");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _detailed = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { IncludeErrorDetail = true });
    }

    public override async ValueTask DisposeAsync()
    {
        if (_detailed is not null)
        {
            await _detailed.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    // ---- attribution and claims ----------------------------------------------------------------

    [Fact]
    public async Task Add_job_without_actor_or_entity_raises_ATTRIBUTION_REQUIRED_and_adds_nothing()
    {
        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            Detailed.ExecuteAsync("SELECT app_jobs.add_job(identifier => 'work', db_id => $1)", DatabaseId));

        Assert.Equal("ATTRIBUTION_REQUIRED", exception.MessageText);
        AssertJson(
            """
            {"code": "ATTRIBUTION_REQUIRED", "class": "internal",
             "context": {"arguments": ["actor_id", "entity_id"], "claims": ["jwt.claims.user_id", "jwt.claims.entity_id"]}}
            """,
            exception.Detail!);
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task An_entity_without_its_type_raises_ENTITY_TYPE_REQUIRED_and_a_type_without_an_entity_ENTITY_ID_REQUIRED()
    {
        var noType = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            Detailed.ExecuteAsync(
                "SELECT app_jobs.add_job(identifier => 'work', db_id => $1, actor_id => $2, entity_id => $3)", DatabaseId, Actor, Entity));
        var noEntity = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            Detailed.ExecuteAsync(
                "SELECT app_jobs.add_scheduled_job(identifier => 'nightly', db_id => $1, actor_id => $2, entity_type => 'org')", DatabaseId, Actor));

        Assert.Equal("ENTITY_TYPE_REQUIRED", noType.MessageText);
        AssertJson(
            $$$"""{"code": "ENTITY_TYPE_REQUIRED", "class": "internal", "context": {"argument": "entity_type", "claim": "jwt.claims.entity_type", "entity_id": "{{{Entity}}}"}}""",
            noType.Detail!);
        Assert.Equal("ENTITY_ID_REQUIRED", noEntity.MessageText);
        AssertJson(
            """{"code": "ENTITY_ID_REQUIRED", "class": "internal", "context": {"argument": "entity_id", "claim": "jwt.claims.entity_id", "entity_type": "org"}}""",
            noEntity.Detail!);
        Assert.Empty(await DataSource.AllJobsAsync());
        Assert.Empty(await DataSource.AllScheduledJobsAsync());
    }

    [Fact]
    public async Task An_entity_with_its_type_is_attribution_enough_without_an_actor()
    {
        var row = await InTransactionAsync(
            "SELECT * FROM app_jobs.add_job(identifier => 'work', db_id => $1, entity_id => $2, entity_type => 'org')", [], [DatabaseId, Entity]);

        Assert.Equal(new Attribution(DatabaseId, null, null, Entity, "org", null), row);
    }

    [Fact]
    public async Task Strict_attribution_false_lets_an_unattributed_job_in_with_a_warning()
    {
        var notices = new List<PostgresNotice>();

        var row = await InTransactionAsync(
            "SELECT * FROM app_jobs.add_job(identifier => 'work', db_id => $1)",
            [("jwt.strict_attribution", "false")],
            [DatabaseId],
            notices);

        Assert.Equal(new Attribution(DatabaseId, null, null, null, null, null), row);
        var warning = Assert.Single(notices, n => n.InvariantSeverity == "WARNING");
        Assert.Equal("ATTRIBUTION_REQUIRED", JsonNode.Parse(warning.MessageText)!["code"]!.GetValue<string>());
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("off")]
    [InlineData("")]
    public async Task Strict_attribution_is_relaxed_only_by_exactly_false(string setting)
    {
        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            InTransactionAsync("SELECT * FROM app_jobs.add_job(identifier => 'work', db_id => $1)", [("jwt.strict_attribution", setting)], [DatabaseId]));

        Assert.Equal("ATTRIBUTION_REQUIRED", exception.MessageText);
    }

    [Fact]
    public async Task Defaults_come_from_the_claims_of_the_transaction()
    {
        var claimedDatabase = Guid.Parse("44744c94-93cf-425a-b524-ce6f1466e327");

        var row = await InTransactionAsync(
            "SELECT * FROM app_jobs.add_job(identifier => 'work', organization_id => $1)",
            [
                ("jwt.claims.user_id", Actor.ToString()),
                ("jwt.claims.principal_id", Principal.ToString()),
                ("jwt.claims.entity_id", Entity.ToString()),
                ("jwt.claims.entity_type", "team"),
                ("jwt.claims.database_id", claimedDatabase.ToString()),
            ],
            [Organization]);

        Assert.Equal(new Attribution(claimedDatabase, Actor, Principal, Entity, "team", Organization), row);
    }

    [Fact]
    public async Task Explicit_arguments_win_over_the_claims()
    {
        var otherActor = Guid.NewGuid();

        var row = await InTransactionAsync(
            "SELECT * FROM app_jobs.add_scheduled_job(identifier => 'nightly', db_id => $1, actor_id => $2)",
            [("jwt.claims.user_id", Actor.ToString()), ("jwt.claims.database_id", Guid.NewGuid().ToString())],
            [DatabaseId, otherActor]);

        Assert.Equal(new Attribution(DatabaseId, otherActor, null, null, null, null), row);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("b9d22af1-62c7-43a5-b8c4-50630bbd496")]
    public async Task An_empty_or_malformed_user_claim_counts_as_no_actor(string claim)
    {
        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            InTransactionAsync("SELECT * FROM app_jobs.add_job(identifier => 'work', db_id => $1)", [("jwt.claims.user_id", claim)], [DatabaseId]));

        Assert.Equal("ATTRIBUTION_REQUIRED", exception.MessageText);
    }

    [Fact]
    public async Task Without_db_id_or_database_claim_add_job_and_add_scheduled_job_raise_DATABASE_CLAIM_REQUIRED()
    {
        var job = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            Detailed.ExecuteAsync("SELECT app_jobs.add_job(identifier => 'work', actor_id => $1)", Actor));
        var schedule = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            InTransactionAsync(
                "SELECT * FROM app_jobs.add_scheduled_job(identifier => 'nightly')",
                [("jwt.claims.user_id", Actor.ToString()), ("jwt.claims.database_id", "malformed")]));

        Assert.Equal("DATABASE_CLAIM_REQUIRED", job.MessageText);
        AssertJson("""{"code": "DATABASE_CLAIM_REQUIRED", "class": "internal", "context": {"claim": "jwt.claims.database_id"}}""", job.Detail!);
        Assert.Equal("DATABASE_CLAIM_REQUIRED", schedule.MessageText);
        Assert.Empty(await DataSource.AllJobsAsync());
        Assert.Empty(await DataSource.AllScheduledJobsAsync());
    }

    [Fact]
    public async Task The_lenient_database_claim_reader_returns_null_and_the_strict_one_raises()
    {
        Assert.Null(await DataSource.ScalarAsync<Guid?>("SELECT jwt_private.current_database_id()"));
        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            DataSource.ScalarAsync<Guid>("SELECT jwt_private.require_database_id()"));

        Assert.Equal("DATABASE_CLAIM_REQUIRED", exception.MessageText);
    }

    // ---- queues ---------------------------------------------------------------------------------

    [Fact]
    public async Task Add_job_reads_an_empty_or_default_queue_name_as_no_queue()
    {
        var empty = await AddAttributedJobAsync("work", queueName: "");
        var named = await AddAttributedJobAsync("work", queueName: "default");
        var real = await AddAttributedJobAsync("work", queueName: "mail");

        Assert.Null(empty.QueueName);
        Assert.Null(named.QueueName);
        Assert.Equal("mail", real.QueueName);
        Assert.Equal([new QueueRow("mail", 1, null, null)], await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task A_keyed_add_job_also_reads_default_as_no_queue_and_keeps_the_original_attribution()
    {
        var first = await AddAttributedJobAsync("work", jobKey: "k", queueName: "mail");
        var otherActor = Guid.NewGuid();

        var again = (await DataSource.QueryAsync(
            "SELECT * FROM app_jobs.add_job(identifier => 'work2', job_key => 'k', queue_name => 'default', db_id => $1, actor_id => $2)",
            ReadJob,
            DatabaseId,
            otherActor)).Single();

        Assert.Equal(first.Id, again.Id);
        Assert.Null(again.QueueName);
        Assert.Equal("work2", again.TaskIdentifier);
        Assert.Equal(Actor, await DataSource.ScalarAsync<Guid>("SELECT actor_id FROM app_jobs.jobs WHERE id = $1", first.Id));
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    // ---- availability and locks -----------------------------------------------------------------

    [Fact]
    public async Task Get_job_never_takes_an_expired_job_lock_and_force_unlock_workers_frees_it()
    {
        var job = await AddAttributedJobAsync("work");
        Assert.Equal(job.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromHours(1));

        Assert.Null(await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromMinutes(1)));
        Assert.Equal("worker-1", (await DataSource.FindJobAsync(job.Id))?.LockedBy);

        await DataSource.ExecuteAsync("SELECT app_jobs.force_unlock_workers(worker_ids => $1)", (object)new[] { "worker-1", "worker-9" });
        var freed = await DataSource.FindJobAsync(job.Id);
        Assert.Null(freed?.LockedBy);
        Assert.Null(freed?.LockedAt);
        Assert.Equal(1, freed?.Attempts);

        var retaken = await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromMinutes(1));
        Assert.Equal(job.Id, retaken?.Id);
        Assert.Equal(2, retaken?.Attempts);
    }

    [Fact]
    public async Task Get_job_still_takes_over_a_queue_whose_lock_expired()
    {
        var running = await AddAttributedJobAsync("work", queueName: "serial", priority: -1);
        var next = await AddAttributedJobAsync("work", queueName: "serial");
        Assert.Equal(running.Id, (await DataSource.GetJobAsync("worker-1"))?.Id);
        Assert.Null(await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromMinutes(1)));

        await DataSource.AgeQueueLockAsync("serial", TimeSpan.FromHours(1));
        var taken = await DataSource.GetJobAsync("worker-2", jobExpiry: TimeSpan.FromMinutes(1));

        Assert.Equal(next.Id, taken?.Id);
        Assert.Equal("worker-2", (await DataSource.FindQueueAsync("serial"))?.LockedBy);
        Assert.Equal("worker-1", (await DataSource.FindJobAsync(running.Id))?.LockedBy);
    }

    [Fact]
    public async Task Force_unlock_workers_frees_queues_too_and_leaves_other_workers_alone()
    {
        var mine = await AddAttributedJobAsync("work", queueName: "a");
        var theirs = await AddAttributedJobAsync("work", queueName: "b");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.GetJobAsync("worker-2");

        await DataSource.ExecuteAsync("SELECT app_jobs.force_unlock_workers(worker_ids => $1)", (object)new[] { "worker-1" });

        Assert.Null((await DataSource.FindQueueAsync("a"))?.LockedBy);
        Assert.Equal("worker-2", (await DataSource.FindQueueAsync("b"))?.LockedBy);
        Assert.Null((await DataSource.FindJobAsync(mine.Id))?.LockedBy);
        Assert.Equal("worker-2", (await DataSource.FindJobAsync(theirs.Id))?.LockedBy);
    }

    [Fact]
    public async Task Is_available_follows_the_lock_and_the_attempts()
    {
        var job = await AddAttributedJobAsync("work", maxAttempts: 2);
        Assert.True(await IsAvailableAsync(job.Id));

        await DataSource.GetJobAsync("worker-1");
        Assert.False(await IsAvailableAsync(job.Id));

        await DataSource.FailJobAsync("worker-1", job.Id, "boom");
        Assert.True(await IsAvailableAsync(job.Id));

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 2 WHERE id = $1", job.Id);
        Assert.False(await IsAvailableAsync(job.Id));

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET max_attempts = 3 WHERE id = $1", job.Id);
        Assert.True(await IsAvailableAsync(job.Id));
    }

    [Fact]
    public async Task Is_available_cannot_be_written()
    {
        var job = await AddAttributedJobAsync("work");

        await ThrowsPostgresAsync(GeneratedAlways, () =>
            DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET is_available = false WHERE id = $1", job.Id));
        await ThrowsPostgresAsync(GeneratedAlways, () =>
            DataSource.ExecuteAsync("INSERT INTO app_jobs.jobs (database_id, task_identifier, is_available) VALUES ($1, 'raw', false)", DatabaseId));

        Assert.True(await IsAvailableAsync(job.Id));
    }

    // ---- removing and completing ----------------------------------------------------------------

    [Fact]
    public async Task Remove_job_deletes_an_unlocked_keyed_job()
    {
        var job = await AddAttributedJobAsync("work", jobKey: "k1");

        var removed = await RemoveJobAsync("k1");

        Assert.Equal(job.Id, removed?.Id);
        Assert.Null(await DataSource.FindJobAsync(job.Id));
    }

    [Fact]
    public async Task Remove_job_defuses_a_locked_job_instead_of_deleting_it()
    {
        var job = await AddAttributedJobAsync("work", jobKey: "k1", maxAttempts: 5);
        await DataSource.GetJobAsync("worker-1");

        var defused = await RemoveJobAsync("k1");

        Assert.Equal(job.Id, defused?.Id);
        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.NotNull(stored);
        Assert.Null(stored.Key);
        Assert.Equal(5, stored.Attempts);
        Assert.Equal("worker-1", stored.LockedBy);
        Assert.False(await IsAvailableAsync(job.Id));
    }

    [Fact]
    public async Task Remove_job_deletes_a_job_whose_lock_is_four_hours_old_and_ignores_unknown_or_null_keys()
    {
        var job = await AddAttributedJobAsync("work", jobKey: "k1");
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromHours(4.1));

        Assert.Null(await RemoveJobAsync("nope"));
        Assert.Null(await RemoveJobAsync(null));
        Assert.Equal(job.Id, (await RemoveJobAsync("k1"))?.Id);
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Complete_job_ignores_a_job_another_worker_holds()
    {
        var job = await AddAttributedJobAsync("work", queueName: "serial");
        await DataSource.GetJobAsync("worker-1");

        Assert.Null(await DataSource.CompleteJobAsync("worker-2", job.Id));
        Assert.Equal("worker-1", (await DataSource.FindJobAsync(job.Id))?.LockedBy);
        Assert.Equal("worker-1", (await DataSource.FindQueueAsync("serial"))?.LockedBy);

        Assert.Equal(job.Id, (await DataSource.CompleteJobAsync("worker-1", job.Id))?.Id);
        Assert.Empty(await DataSource.AllJobsAsync());
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task Complete_job_ignores_an_unlocked_job()
    {
        var job = await AddAttributedJobAsync("work");

        Assert.Null(await DataSource.CompleteJobAsync("worker-1", job.Id));
        Assert.NotNull(await DataSource.FindJobAsync(job.Id));
    }

    [Fact]
    public async Task Fail_job_is_strict_and_a_null_message_leaves_the_job_locked()
    {
        var job = await AddAttributedJobAsync("work");
        await DataSource.GetJobAsync("worker-1");

        Assert.Null(await DataSource.FailJobAsync("worker-1", job.Id, null));
        Assert.Equal("worker-1", (await DataSource.FindJobAsync(job.Id))?.LockedBy);

        var failed = await DataSource.FailJobAsync("worker-1", job.Id, "boom");
        Assert.Equal("boom", failed?.LastError);
        Assert.Null(failed?.LockedBy);
    }

    // ---- NOTIFY and timestamps ------------------------------------------------------------------

    [Fact]
    public async Task A_multi_row_insert_notifies_jobs_insert_once()
    {
        await using var listener = await Listener.StartAsync(DataSource, "jobs:insert");

        await DataSource.ExecuteAsync(
            "INSERT INTO app_jobs.jobs (database_id, task_identifier) SELECT $1, 'raw' FROM generate_series(1, 3)", DatabaseId);
        await DataSource.ExecuteAsync("SELECT pg_notify('jobs:insert', 'marker')");

        Assert.Equal(("jobs:insert", ""), await listener.NextAsync());
        Assert.Equal(("jobs:insert", "marker"), await listener.NextAsync());
        Assert.Equal(3, (await DataSource.AllJobsAsync()).Count);
    }

    [Fact]
    public async Task The_jobs_insert_notification_is_per_statement_so_even_an_insert_of_no_rows_sends_it()
    {
        await using var listener = await Listener.StartAsync(DataSource, "jobs:insert");

        await DataSource.ExecuteAsync("INSERT INTO app_jobs.jobs (database_id, task_identifier) SELECT $1, 'raw' WHERE false", DatabaseId);

        Assert.Equal(("jobs:insert", ""), await listener.NextAsync());
        Assert.Empty(await DataSource.AllJobsAsync());
        Assert.Equal(
            [("_900_after_insert", false)],
            await DataSource.QueryAsync(
                "SELECT tgname::text, (tgtype & 1) = 1 FROM pg_trigger WHERE tgrelid = 'app_jobs.jobs'::regclass AND tgname LIKE '_900%'",
                reader => (reader.GetString(0), reader.GetBoolean(1))));
    }

    [Fact]
    public async Task Scheduled_jobs_still_notify_per_row()
    {
        await using var listener = await Listener.StartAsync(DataSource, "scheduled_jobs:insert");

        await DataSource.ExecuteAsync(
            "INSERT INTO app_jobs.scheduled_jobs (database_id, task_identifier, schedule_info) SELECT $1, 'raw', '{}' WHERE false", DatabaseId);
        await DataSource.ExecuteAsync("SELECT pg_notify('scheduled_jobs:insert', 'marker')");
        await AddAttributedScheduleAsync("nightly");

        Assert.Equal(("scheduled_jobs:insert", "marker"), await listener.NextAsync());
        Assert.Equal(("scheduled_jobs:insert", ""), await listener.NextAsync());
    }

    [Fact]
    public async Task The_trigger_sets_created_at_and_updated_at()
    {
        var before = await DataSource.NowAsync();
        var id = await DataSource.ScalarAsync<long>(
            """
            INSERT INTO app_jobs.jobs (database_id, task_identifier, created_at, updated_at)
            VALUES ($1, 'raw', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z') RETURNING id
            """,
            DatabaseId);
        var inserted = (await DataSource.FindJobAsync(id))!;
        Assert.InRange(inserted.CreatedAt!.Value, before, await DataSource.NowAsync());
        Assert.Equal(inserted.CreatedAt, inserted.UpdatedAt);

        await DataSource.ExecuteAsync("UPDATE app_jobs.jobs SET priority = 1, created_at = '2000-01-01T00:00:00Z' WHERE id = $1", id);

        var updated = (await DataSource.FindJobAsync(id))!;
        Assert.Equal(inserted.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt > inserted.UpdatedAt, $"updated_at {updated.UpdatedAt:O} is not after {inserted.UpdatedAt:O}");
    }

    // ---- run_scheduled_job ----------------------------------------------------------------------

    [Fact]
    public async Task Run_scheduled_job_asserts_the_schedules_own_attribution_not_the_callers_claims()
    {
        var scheduleId = await DataSource.ScalarAsync<long>(
            "INSERT INTO app_jobs.scheduled_jobs (database_id, task_identifier, schedule_info) VALUES ($1, 'nightly', '{}') RETURNING id", DatabaseId);

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () =>
            InTransactionAsync(
                "SELECT * FROM app_jobs.run_scheduled_job(id => $1)",
                [("jwt.claims.user_id", Actor.ToString()), ("jwt.claims.entity_id", Entity.ToString()), ("jwt.claims.entity_type", "org")],
                [scheduleId]));

        Assert.Equal("ATTRIBUTION_REQUIRED", exception.MessageText);
        Assert.Empty(await DataSource.AllJobsAsync());
        Assert.Null((await DataSource.FindScheduledJobAsync(scheduleId))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_copies_the_attribution_and_reads_the_default_queue_as_none()
    {
        var schedule = (await DataSource.QueryAsync(
            """
            SELECT * FROM app_jobs.add_scheduled_job(
              identifier => 'nightly', payload => '{"n": 1}', queue_name => 'default', priority => 3, max_attempts => 4,
              db_id => $1, actor_id => $2, principal_id => $3, entity_id => $4, entity_type => 'org', organization_id => $5)
            """,
            ReadScheduledJob,
            DatabaseId,
            Actor,
            Principal,
            Entity,
            Organization)).Single();
        Assert.Equal("default", schedule.QueueName);

        var job = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Null(job.QueueName);
        Assert.Equal(("nightly", 3, 4), (job.TaskIdentifier, job.Priority, job.MaxAttempts));
        AssertJson("""{"n": 1}""", job.Payload);
        Assert.Equal(new Attribution(DatabaseId, Actor, Principal, Entity, "org", Organization), await AttributionOfJobAsync(job.Id));
        Assert.Equal(job.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
        Assert.Empty(await DataSource.AllQueuesAsync());
    }

    [Fact]
    public async Task Run_scheduled_job_raises_ALREADY_SCHEDULED_while_the_last_job_waits()
    {
        var schedule = await AddAttributedScheduleAsync("nightly");
        await DataSource.RunScheduledJobAsync(schedule.Id);

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id));

        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Run_scheduled_job_skips_a_permanently_failed_previous_job()
    {
        var schedule = await AddAttributedScheduleAsync("nightly");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.PermanentlyFailJobsAsync([first.Id]);

        var second = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, (await DataSource.AllJobsAsync()).Count);
        Assert.Equal(second.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_with_a_key_refreshes_the_permanently_failed_job_of_that_key()
    {
        var schedule = await AddAttributedScheduleAsync("nightly", jobKey: "nightly-key");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.PermanentlyFailJobsAsync([first.Id], "gave up");

        var second = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(0, second.Attempts);
        Assert.Null(second.LastError);
        Assert.Equal("nightly-key", second.Key);
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Run_scheduled_job_refreshes_a_pending_job_with_the_same_key_instead_of_failing()
    {
        var pending = await AddAttributedJobAsync("old", jobKey: "shared", payload: """{"old": true}""");
        var schedule = await AddAttributedScheduleAsync("nightly", jobKey: "shared", payload: """{"new": true}""");

        var job = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Equal(pending.Id, job.Id);
        Assert.Equal("nightly", job.TaskIdentifier);
        AssertJson("""{"new": true}""", job.Payload);
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Run_scheduled_job_raises_ALREADY_SCHEDULED_while_a_job_with_its_key_runs()
    {
        await AddAttributedJobAsync("old", jobKey: "shared");
        await DataSource.GetJobAsync("worker-1");
        var schedule = await AddAttributedScheduleAsync("nightly", jobKey: "shared");

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id));

        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);
    }

    [Fact]
    public async Task Run_scheduled_job_of_a_deleted_schedule_returns_the_all_null_record()
    {
        var ids = await DataSource.QueryAsync(
            "SELECT id FROM app_jobs.run_scheduled_job(id => 12345)",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0));

        Assert.Null(Assert.Single(ids));
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    // ---- trigger helpers ------------------------------------------------------------------------

    [Fact]
    public async Task The_trigger_helpers_enqueue_with_the_writers_claims()
    {
        await DataSource.ExecuteAsync(
            """
            CREATE TABLE public.accounts (id int PRIMARY KEY, email text);
            CREATE TRIGGER on_insert AFTER INSERT ON public.accounts
              FOR EACH ROW EXECUTE FUNCTION app_jobs.tg_add_job_with_row_id('welcome');
            CREATE TRIGGER on_update AFTER UPDATE ON public.accounts
              FOR EACH ROW EXECUTE FUNCTION app_jobs.trigger_job_with_fields('changed', 'id', 'email');
            """);
        try
        {
            await InTransactionAsync(
                "INSERT INTO public.accounts VALUES (7, 'a@example.com'); UPDATE public.accounts SET email = NULL",
                [("jwt.claims.user_id", Actor.ToString()), ("jwt.claims.database_id", DatabaseId.ToString())],
                allowNone: true);

            var jobs = await DataSource.AllJobsAsync();
            Assert.Equal(["welcome", "changed"], jobs.Select(j => j.TaskIdentifier));
            AssertJson("""{"id": 7}""", jobs[0].Payload);
            AssertJson("""{"id": "7", "email": ""}""", jobs[1].Payload);
            Assert.Equal(new Attribution(DatabaseId, Actor, null, null, null, null), await AttributionOfJobAsync(jobs[0].Id));
        }
        finally
        {
            await DataSource.ExecuteAsync("DROP TABLE public.accounts");
        }
    }

    // ---- plan -----------------------------------------------------------------------------------

    [Fact]
    public async Task Get_jobs_select_walks_jobs_main_index_past_permanently_failed_rows()
    {
        await DataSource.ExecuteAsync(
            """
            INSERT INTO app_jobs.jobs (database_id, task_identifier, run_at, attempts, max_attempts, last_error)
            SELECT $1, 'count', now() - interval '1 day', 25, 25, 'failed for good' FROM generate_series(1, 20000)
            """,
            DatabaseId);
        await DataSource.ExecuteAsync(
            "INSERT INTO app_jobs.jobs (database_id, task_identifier, actor_id) SELECT $1, 'count', $2 FROM generate_series(1, 100)", DatabaseId, Actor);
        await DataSource.ExecuteAsync("ANALYZE app_jobs.jobs");

        // The plan of get_job's own SELECT, as auto_explain reports it (nested statements included)
        // to a client that accepts LOG messages.
        var notices = new List<PostgresNotice>();
        await using var connection = await DataSource.OpenConnectionAsync();
        connection.Notice += (_, e) => notices.Add(e.Notice);
        await using (var setup = new NpgsqlCommand(
            """
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_nested_statements = on;
            SET client_min_messages = log;
            """,
            connection))
        {
            await setup.ExecuteNonQueryAsync();
        }
        long? taken;
        await using (var getJob = new NpgsqlCommand("SELECT id FROM app_jobs.get_job(worker_id => 'worker-1', task_identifiers => '{count}')", connection))
        {
            taken = (long?)await getJob.ExecuteScalarAsync();
        }

        Assert.Equal(20001L, taken);
        var plan = Assert.Single(notices, n => n.MessageText.Contains("FOR UPDATE SKIP LOCKED", StringComparison.Ordinal)
                                            && n.MessageText.Contains("ORDER BY j.priority", StringComparison.Ordinal)).MessageText;
        Assert.Contains("Index Scan using jobs_main_index on jobs", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on jobs", plan, StringComparison.Ordinal);
    }

    // ---- names and signatures -------------------------------------------------------------------

    [Fact]
    public async Task Every_function_has_the_047_parameters_defaults_and_result()
    {
        var expected = new Dictionary<string, (string Arguments, string Result)>
        {
            ["add_job"] = ("identifier text, payload json DEFAULT '{}'::json, job_key text DEFAULT NULL::text, queue_name text DEFAULT NULL::text, run_at timestamp with time zone DEFAULT now(), max_attempts integer DEFAULT 25, priority integer DEFAULT 0, entity_id uuid DEFAULT jwt_private.current_entity_id(), organization_id uuid DEFAULT NULL::uuid, entity_type text DEFAULT jwt_private.current_entity_type(), function_definition_id uuid DEFAULT NULL::uuid, definition_scope text DEFAULT NULL::text, db_id uuid DEFAULT jwt_private.require_database_id(), actor_id uuid DEFAULT jwt_public.current_user_id(), principal_id uuid DEFAULT jwt_public.current_principal_id()", "app_jobs.jobs"),
            ["add_scheduled_job"] = ("identifier text, payload json DEFAULT '{}'::json, schedule_info json DEFAULT '{}'::json, job_key text DEFAULT NULL::text, queue_name text DEFAULT NULL::text, max_attempts integer DEFAULT 25, priority integer DEFAULT 0, entity_id uuid DEFAULT jwt_private.current_entity_id(), db_id uuid DEFAULT jwt_private.require_database_id(), entity_type text DEFAULT jwt_private.current_entity_type(), organization_id uuid DEFAULT NULL::uuid, actor_id uuid DEFAULT jwt_public.current_user_id(), principal_id uuid DEFAULT jwt_public.current_principal_id()", "app_jobs.scheduled_jobs"),
            ["get_job"] = ("worker_id text, task_identifiers text[] DEFAULT NULL::text[], job_expiry interval DEFAULT '04:00:00'::interval", "app_jobs.jobs"),
            ["complete_job"] = ("worker_id text, job_id bigint", "app_jobs.jobs"),
            ["complete_jobs"] = ("job_ids bigint[]", "SETOF app_jobs.jobs"),
            ["fail_job"] = ("worker_id text, job_id bigint, error_message text", "app_jobs.jobs"),
            ["permanently_fail_jobs"] = ("job_ids bigint[], error_message text DEFAULT NULL::text", "SETOF app_jobs.jobs"),
            ["reschedule_jobs"] = ("job_ids bigint[], run_at timestamp with time zone DEFAULT NULL::timestamp with time zone, priority integer DEFAULT NULL::integer, attempts integer DEFAULT NULL::integer, max_attempts integer DEFAULT NULL::integer", "SETOF app_jobs.jobs"),
            ["release_jobs"] = ("worker_id text", "void"),
            ["remove_job"] = ("job_key text", "app_jobs.jobs"),
            ["force_unlock_workers"] = ("worker_ids text[]", "void"),
            ["get_scheduled_job"] = ("worker_id text, task_identifiers text[] DEFAULT NULL::text[]", "app_jobs.scheduled_jobs"),
            ["run_scheduled_job"] = ("id bigint, job_expiry interval DEFAULT '01:00:00'::interval", "app_jobs.jobs"),
            ["release_scheduled_jobs"] = ("worker_id text, ids bigint[] DEFAULT NULL::bigint[]", "void"),
            ["schedule_min_interval_seconds"] = ("schedule_info json", "integer"),
            ["json_build_object_apply"] = ("arguments text[]", "json"),
            ["tg_add_job_with_row_id"] = ("", "trigger"),
            ["tg_add_job_with_row"] = ("", "trigger"),
            ["trigger_job_with_fields"] = ("", "trigger"),
            ["tg_update_timestamps"] = ("", "trigger"),
            ["do_notify"] = ("", "trigger"),
            ["tg_jobs__after_insert"] = ("", "trigger"),
            ["tg_increase_job_queue_count"] = ("", "trigger"),
            ["tg_decrease_job_queue_count"] = ("", "trigger"),
        };

        var actual = await DataSource.QueryAsync(
            """
            SELECT p.proname::text, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), p.proisstrict, p.prosecdef
            FROM pg_proc p WHERE p.pronamespace = 'app_jobs'::regnamespace
            """,
            reader => (Name: reader.GetString(0), Arguments: reader.GetString(1), Result: reader.GetString(2), Strict: reader.GetBoolean(3), SecurityDefiner: reader.GetBoolean(4)));
        actual = [.. actual.OrderBy(f => f.Name, StringComparer.Ordinal)];

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(f => f.Name));
        foreach (var function in actual)
        {
            Assert.Equal((function.Name, expected[function.Name].Arguments, expected[function.Name].Result), (function.Name, function.Arguments, function.Result));
        }
        Assert.Equal(["fail_job", "remove_job"], actual.Where(f => f.Strict).Select(f => f.Name));
        Assert.Equal(
            ["add_job", "add_scheduled_job", "tg_add_job_with_row", "tg_add_job_with_row_id", "trigger_job_with_fields"],
            actual.Where(f => f.SecurityDefiner).Select(f => f.Name));
    }

    [Fact]
    public async Task Tables_triggers_and_indexes_carry_the_047_names()
    {
        var triggers = await DataSource.QueryAsync(
            "SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'app_jobs.%'",
            reader => reader.GetString(0));
        var indexes = await DataSource.QueryAsync(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'app_jobs'",
            reader => reader.GetString(0));
        var mainIndex = await DataSource.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'jobs_main_index'");
        var defaults = await DataSource.QueryAsync(
            """
            SELECT c.relname || '.' || a.attname FROM pg_attrdef d
              JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
              JOIN pg_class c ON c.oid = d.adrelid
             WHERE c.relnamespace = 'app_jobs'::regnamespace AND a.attname IN ('database_id', 'queue_name')
            """,
            reader => reader.GetString(0));

        Assert.Equal(
            [
                "app_jobs.jobs _100_update_jobs_modtime_tg",
                "app_jobs.jobs _500_increase_job_queue_count_on_insert",
                "app_jobs.jobs _500_increase_job_queue_count_on_update",
                "app_jobs.jobs _900_after_insert",
                "app_jobs.jobs decrease_job_queue_count_on_delete",
                "app_jobs.jobs decrease_job_queue_count_on_update",
                "app_jobs.scheduled_jobs _900_notify_scheduled_job",
            ],
            triggers.Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "job_queues_locked_by_idx", "job_queues_pkey",
                "jobs_key_key", "jobs_locked_by_idx", "jobs_main_index", "jobs_no_queue_index", "jobs_pkey",
                "scheduled_jobs_key_key", "scheduled_jobs_locked_by_idx", "scheduled_jobs_pkey", "scheduled_jobs_priority_id_idx",
            ],
            indexes.Order(StringComparer.Ordinal));
        Assert.Equal(
            "CREATE INDEX jobs_main_index ON app_jobs.jobs USING btree (priority, run_at) INCLUDE (id, queue_name) WHERE (is_available = true)",
            mainIndex);
        Assert.Empty(defaults);
    }

    [Fact]
    public async Task Grants_go_to_administrator_and_authenticated_as_in_047()
    {
        var granted = await DataSource.QueryAsync(
            """
            SELECT has_schema_privilege('administrator', 'app_jobs', 'USAGE'),
                   has_schema_privilege('authenticated', 'app_jobs', 'USAGE'),
                   has_table_privilege('administrator', 'app_jobs.jobs', 'SELECT, INSERT, UPDATE, DELETE'),
                   has_table_privilege('administrator', 'app_jobs.job_queues', 'SELECT, INSERT, UPDATE, DELETE'),
                   has_table_privilege('administrator', 'app_jobs.scheduled_jobs', 'SELECT, INSERT, UPDATE, DELETE'),
                   has_table_privilege('authenticated', 'app_jobs.jobs', 'SELECT'),
                   (SELECT bool_and(EXISTS (SELECT FROM aclexplode(p.proacl) acl
                                             WHERE acl.grantee = 'administrator'::regrole AND acl.privilege_type = 'EXECUTE'))
                      FROM pg_proc p WHERE p.pronamespace = 'app_jobs'::regnamespace),
                   EXISTS (SELECT FROM pg_proc p, aclexplode(p.proacl) acl
                            WHERE p.oid = 'app_jobs.add_job'::regproc AND acl.grantee = 'authenticated'::regrole AND acl.privilege_type = 'EXECUTE'),
                   EXISTS (SELECT FROM pg_proc p, aclexplode(p.proacl) acl
                            WHERE p.oid = 'app_jobs.add_scheduled_job'::regproc AND acl.grantee = 'authenticated'::regrole AND acl.privilege_type = 'EXECUTE')
            """,
            reader => Enumerable.Range(0, reader.FieldCount).Select(reader.GetBoolean).ToArray());

        Assert.Equal([true, true, true, true, true, false, true, true, true], granted.Single());
    }

    [Fact]
    public async Task Schedule_min_interval_seconds_reads_recurrences_and_cron_rules()
    {
        var cases = new (string? ScheduleInfo, int? Seconds)[]
        {
            (null, null),
            ("{}", null),
            ("""{"second": [0, 30]}""", 1),
            ("""{"hour": [2], "minute": [0]}""", 60),
            ("""{"rule": "* * * * * *"}""", 1),
            ("""{"rule": "*/15 * * * * *"}""", 15),
            ("""{"rule": "0,30 * * * * *"}""", 1),
            ("""{"rule": "* * * * *"}""", 60),
            ("""{"rule": "*/5 * * * *"}""", 300),
            ("""{"rule": "0-10 * * * *"}""", 60),
            ("""{"rule": "0 2 * * *"}""", 3600),
            ("""{"rule": "0 */0 * * * *"}""", 60),
            ("""{"rule": "bad"}""", null),
        };

        foreach (var (scheduleInfo, seconds) in cases)
        {
            var actual = await DataSource.QueryAsync(
                "SELECT app_jobs.schedule_min_interval_seconds(schedule_info => $1::json)",
                reader => reader.IsDBNull(0) ? (int?)null : reader.GetInt32(0),
                (object?)scheduleInfo);
            Assert.True(actual.Single() == seconds, $"{scheduleInfo ?? "NULL"}: expected {seconds?.ToString() ?? "NULL"}, got {actual.Single()?.ToString() ?? "NULL"}");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private sealed record Attribution(Guid DatabaseId, Guid? ActorId, Guid? PrincipalId, Guid? EntityId, string? EntityType, Guid? OrganizationId);

    private static Attribution ReadAttribution(NpgsqlDataReader reader) => new(
        reader.GetFieldValue<Guid>(reader.GetOrdinal("database_id")),
        NullableGuid(reader, "actor_id"),
        NullableGuid(reader, "principal_id"),
        NullableGuid(reader, "entity_id"),
        reader.IsDBNull(reader.GetOrdinal("entity_type")) ? null : reader.GetString(reader.GetOrdinal("entity_type")),
        NullableGuid(reader, "organization_id"));

    private static Guid? NullableGuid(NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
    }

    private async Task<Attribution> AttributionOfJobAsync(long id) =>
        (await DataSource.QueryAsync("SELECT * FROM app_jobs.jobs WHERE id = $1", ReadAttribution, id)).Single();

    // Runs sql in one transaction whose settings (claims, jwt.strict_attribution) are set with
    // set_config(..., true) first, commits, and reads the attribution columns of the row it returns.
    private async Task<Attribution?> InTransactionAsync(
        string sql, (string Name, string Value)[] settings, object?[]? parameters = null, List<PostgresNotice>? notices = null, bool allowNone = false)
    {
        await using var connection = await Detailed.OpenConnectionAsync();
        if (notices is not null)
        {
            connection.Notice += (_, e) => notices.Add(e.Notice);
        }
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (name, value) in settings)
        {
            await using var set = new NpgsqlCommand("SELECT set_config($1, $2, true)", connection, transaction);
            set.Parameters.Add(new NpgsqlParameter { Value = name });
            set.Parameters.Add(new NpgsqlParameter { Value = value });
            await set.ExecuteNonQueryAsync();
        }
        Attribution? row = null;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var parameter in parameters ?? [])
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
            }
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    row = ReadAttribution(reader);
                }
            }
            while (await reader.NextResultAsync());
        }
        await transaction.CommitAsync();
        Assert.True(allowNone || row is not null, "The statement returned no row.");
        return row;
    }

    private async Task<JobRow> AddAttributedJobAsync(
        string identifier, string? jobKey = null, string? queueName = null, int? maxAttempts = null, int? priority = null, string? payload = null)
    {
        var arguments = new List<string> { "identifier => $1", "db_id => $2", "actor_id => $3" };
        var parameters = new List<object?> { identifier, DatabaseId, Actor };
        void Add(string name, object? value, string cast = "")
        {
            if (value is not null)
            {
                parameters.Add(value);
                arguments.Add($"{name} => ${parameters.Count}{cast}");
            }
        }
        Add("job_key", jobKey);
        Add("queue_name", queueName);
        Add("max_attempts", maxAttempts);
        Add("priority", priority);
        Add("payload", payload, "::json");
        return (await DataSource.QueryAsync($"SELECT * FROM app_jobs.add_job({string.Join(", ", arguments)})", ReadJob, [.. parameters])).Single();
    }

    private async Task<ScheduledJobRow> AddAttributedScheduleAsync(string identifier, string? jobKey = null, string? payload = null) =>
        (await DataSource.QueryAsync(
            "SELECT * FROM app_jobs.add_scheduled_job(identifier => $1, db_id => $2, actor_id => $3, job_key => $4, payload => coalesce($5::json, '{}'))",
            ReadScheduledJob,
            identifier,
            DatabaseId,
            Actor,
            jobKey,
            payload)).Single();

    private async Task<JobRow?> RemoveJobAsync(string? key) =>
        (await DataSource.QueryAsync(
            "SELECT * FROM app_jobs.remove_job(job_key => $1::text)",
            reader => reader.IsDBNull(reader.GetOrdinal("id")) ? null : ReadJob(reader),
            key)).Single();

    private async Task<bool> IsAvailableAsync(long id) =>
        await DataSource.ScalarAsync<bool>("SELECT is_available FROM app_jobs.jobs WHERE id = $1", id);

    // A connection of its own that LISTENs, and hands out what it received in order.
    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly Queue<(string Channel, string Payload)> _received = new();

        private Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => _received.Enqueue((e.Channel, e.Payload));
        }

        public static async Task<Listener> StartAsync(NpgsqlDataSource dataSource, params string[] channels)
        {
            var listener = new Listener(await dataSource.OpenConnectionAsync());
            foreach (var channel in channels)
            {
                await using var command = new NpgsqlCommand($"LISTEN \"{channel}\"", listener._connection);
                await command.ExecuteNonQueryAsync();
            }
            return listener;
        }

        public async Task<(string Channel, string Payload)> NextAsync()
        {
            while (_received.Count == 0)
            {
                Assert.True(await _connection.WaitAsync(NotifyTimeout), $"No notification within {NotifyTimeout}.");
            }
            return _received.Dequeue();
        }

        public async ValueTask DisposeAsync()
        {
            await using (var command = new NpgsqlCommand("UNLISTEN *", _connection))
            {
                await command.ExecuteNonQueryAsync();
            }
            await _connection.DisposeAsync();
        }
    }
}
