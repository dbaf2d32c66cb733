using Jobs.Tests.Infrastructure;
using Npgsql;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class ScheduledJobTests(SchemaDatabase database) : CompatibilityTest(database)
{
    private const string Nightly = """{"hour": [2], "minute": [0], "dayOfWeek": [0, 1, 2, 3, 4, 5, 6]}""";

    [Fact]
    public async Task Add_scheduled_job_with_only_db_id_and_identifier_uses_the_defaults()
    {
        var schedule = await DataSource.AddScheduledJobAsync("nightly");

        Assert.Equal(DatabaseId, schedule.DatabaseId);
        Assert.Equal("nightly", schedule.TaskIdentifier);
        AssertJson("{}", schedule.Payload);
        AssertJson("{}", schedule.ScheduleInfo);
        Assert.Equal(0, schedule.Priority);
        Assert.Equal(25, schedule.MaxAttempts);
        Assert.Null(schedule.QueueName);
        Assert.Null(schedule.Key);
        Assert.Null(schedule.LockedAt);
        Assert.Null(schedule.LockedBy);
        Assert.Null(schedule.LastScheduled);
        Assert.Null(schedule.LastScheduledId);
        Assert.Equal(schedule, await DataSource.FindScheduledJobAsync(schedule.Id));
    }

    [Fact]
    public async Task Add_scheduled_job_stores_every_option()
    {
        var schedule = await DataSource.AddScheduledJobAsync(
            "cleanup", payload: """{"days": 30}""", scheduleInfo: Nightly, jobKey: "cleanup-key", queueName: "maintenance", maxAttempts: 2, priority: 8);

        var stored = await DataSource.FindScheduledJobAsync(schedule.Id);
        Assert.NotNull(stored);
        Assert.Equal("cleanup", stored.TaskIdentifier);
        AssertJson("""{"days": 30}""", stored.Payload);
        AssertJson(Nightly, stored.ScheduleInfo);
        Assert.Equal("cleanup-key", stored.Key);
        Assert.Equal("maintenance", stored.QueueName);
        Assert.Equal(2, stored.MaxAttempts);
        Assert.Equal(8, stored.Priority);
    }

    [Fact]
    public async Task Add_scheduled_job_with_the_key_of_an_unclaimed_schedule_replaces_its_fields()
    {
        var original = await DataSource.AddScheduledJobAsync("old", payload: """{"v": 1}""", scheduleInfo: """{"minute": [5]}""", jobKey: "s1", queueName: "qa", maxAttempts: 3, priority: 1);
        var job = await DataSource.RunScheduledJobAsync(original.Id);

        var replaced = await DataSource.AddScheduledJobAsync("new", payload: """{"v": 2}""", scheduleInfo: Nightly, jobKey: "s1", queueName: "qb", maxAttempts: 4, priority: 2);

        Assert.Equal(original.Id, replaced.Id);
        var stored = Assert.Single(await DataSource.AllScheduledJobsAsync());
        Assert.Equal("new", stored.TaskIdentifier);
        AssertJson("""{"v": 2}""", stored.Payload);
        AssertJson(Nightly, stored.ScheduleInfo);
        Assert.Equal("s1", stored.Key);
        Assert.Equal("qb", stored.QueueName);
        Assert.Equal(4, stored.MaxAttempts);
        Assert.Equal(2, stored.Priority);
        Assert.Equal(job.Id, stored.LastScheduledId);
    }

    [Fact]
    public async Task Add_scheduled_job_with_the_key_of_a_claimed_schedule_deletes_it_and_inserts_a_new_one_without_key()
    {
        var original = await DataSource.AddScheduledJobAsync("report", payload: """{"v": 1}""", jobKey: "s2");
        Assert.Equal(original.Id, (await DataSource.GetScheduledJobAsync("scheduler-1"))?.Id);

        var added = await DataSource.AddScheduledJobAsync("report", payload: """{"v": 2}""", jobKey: "s2");

        Assert.NotEqual(original.Id, added.Id);
        Assert.Null(added.Key);
        Assert.Null(added.LockedBy);
        Assert.Null(await DataSource.FindScheduledJobAsync(original.Id));
        var stored = Assert.Single(await DataSource.AllScheduledJobsAsync());
        AssertJson("""{"v": 2}""", stored.Payload);
    }

    [Fact]
    public async Task Add_scheduled_job_with_a_key_turns_explicit_nulls_into_the_defaults_and_without_a_key_does_not()
    {
        var id = await DataSource.ScalarAsync<long>(
            """
            SELECT id FROM app_jobs.add_scheduled_job(db_id => $1, identifier => 'nulls', payload => NULL, job_key => 's-null',
                                                      max_attempts => NULL, priority => NULL)
            """,
            DatabaseId);

        var schedule = await DataSource.FindScheduledJobAsync(id);
        Assert.NotNull(schedule);
        AssertJson("{}", schedule.Payload);
        Assert.Equal(25, schedule.MaxAttempts);
        Assert.Equal(0, schedule.Priority);

        var exception = await ThrowsPostgresAsync(
            PostgresErrorCodes.NotNullViolation,
            () => DataSource.ExecuteAsync("SELECT app_jobs.add_scheduled_job(db_id => $1, identifier => 'nulls', payload => NULL)", DatabaseId));
        Assert.Equal("payload", exception.ColumnName);
    }

    [Fact]
    public async Task Get_scheduled_job_claims_the_first_unclaimed_schedule_by_priority_then_id()
    {
        var later = await DataSource.AddScheduledJobAsync("a", priority: 1);
        var first = await DataSource.AddScheduledJobAsync("b");
        var second = await DataSource.AddScheduledJobAsync("c");
        var before = await DataSource.NowAsync();

        var claimed = await DataSource.GetScheduledJobAsync("scheduler-1");
        Assert.Equal(first.Id, claimed?.Id);
        Assert.Equal("scheduler-1", claimed?.LockedBy);
        Assert.InRange(claimed!.LockedAt!.Value, before, await DataSource.NowAsync());
        Assert.Equal(claimed, await DataSource.FindScheduledJobAsync(first.Id));

        Assert.Equal(second.Id, (await DataSource.GetScheduledJobAsync("scheduler-2"))?.Id);
        Assert.Equal(later.Id, (await DataSource.GetScheduledJobAsync("scheduler-1"))?.Id);
        Assert.Null(await DataSource.GetScheduledJobAsync("scheduler-2"));
    }

    [Fact]
    public async Task Get_scheduled_job_only_claims_the_given_task_identifiers()
    {
        var a = await DataSource.AddScheduledJobAsync("task_a");
        var b = await DataSource.AddScheduledJobAsync("task_b");

        Assert.Null(await DataSource.GetScheduledJobAsync("scheduler-1", ["task_c"]));
        Assert.Equal(b.Id, (await DataSource.GetScheduledJobAsync("scheduler-1", ["task_b"]))?.Id);
        Assert.Equal(a.Id, (await DataSource.GetScheduledJobAsync("scheduler-1", ["task_a", "task_b"]))?.Id);
    }

    [Fact]
    public async Task Get_scheduled_job_with_a_null_worker_id_raises_INVALID_WORKER_ID()
    {
        await DataSource.AddScheduledJobAsync("nightly");

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.GetScheduledJobAsync(null));

        Assert.Equal("INVALID_WORKER_ID", exception.MessageText);
    }

    [Fact]
    public async Task Run_scheduled_job_creates_a_job_copied_from_the_schedule_and_records_it()
    {
        var schedule = await DataSource.AddScheduledJobAsync(
            "digest", payload: """{"to": "all"}""", scheduleInfo: Nightly, queueName: "mail", maxAttempts: 4, priority: 3);
        var before = await DataSource.NowAsync();

        var job = await DataSource.RunScheduledJobAsync(schedule.Id);

        var after = await DataSource.NowAsync();
        Assert.Equal(job, await DataSource.FindJobAsync(job.Id));
        Assert.Equal(DatabaseId, job.DatabaseId);
        Assert.Equal("digest", job.TaskIdentifier);
        AssertJson("""{"to": "all"}""", job.Payload);
        Assert.Equal("mail", job.QueueName);
        Assert.Equal(4, job.MaxAttempts);
        Assert.Equal(3, job.Priority);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.Key);
        Assert.Null(job.LockedBy);
        Assert.InRange(job.RunAt, before, after);
        var stored = await DataSource.FindScheduledJobAsync(schedule.Id);
        Assert.Equal(job.Id, stored?.LastScheduledId);
        Assert.InRange(stored!.LastScheduled!.Value, before, after);
        Assert.Equal(1, (await DataSource.FindQueueAsync("mail"))?.JobCount);
    }

    [Fact]
    public async Task Run_scheduled_job_raises_ALREADY_SCHEDULED_while_the_previous_job_is_waiting()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest");
        var job = await DataSource.RunScheduledJobAsync(schedule.Id);

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id));

        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);
        Assert.Equal([job.Id], (await DataSource.AllJobsAsync()).Select(j => j.Id));
        Assert.Equal(job.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_raises_ALREADY_SCHEDULED_while_the_previous_job_runs_within_job_expiry()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest");
        var job = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(job.Id, TimeSpan.FromMinutes(50));

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id));
        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);

        exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id, TimeSpan.FromHours(2)));
        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);
    }

    [Fact]
    public async Task Run_scheduled_job_runs_again_once_the_previous_job_completed()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.GetJobAsync("worker-1");
        await DataSource.CompleteJobAsync("worker-1", first.Id);

        var second = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_runs_again_when_the_previous_jobs_lock_is_older_than_job_expiry()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.GetJobAsync("worker-1");

        await DataSource.AgeJobLockAsync(first.Id, TimeSpan.FromMinutes(10));
        var second = await DataSource.RunScheduledJobAsync(schedule.Id, TimeSpan.FromMinutes(5));
        await DataSource.GetJobAsync("worker-1");

        await DataSource.AgeJobLockAsync(second.Id, TimeSpan.FromMinutes(61));
        var third = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Equal(3, new[] { first.Id, second.Id, third.Id }.Distinct().Count());
        Assert.Equal(3, (await DataSource.AllJobsAsync()).Count);
        Assert.Equal(third.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_copies_the_schedules_key_to_the_job()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest", jobKey: "digest-key");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        Assert.Equal("digest-key", first.Key);
        await DataSource.GetJobAsync("worker-1");
        await DataSource.CompleteJobAsync("worker-1", first.Id);

        var second = await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Equal("digest-key", second.Key);
    }

    [Fact]
    public async Task Run_scheduled_job_with_a_key_fails_on_the_unique_key_while_the_previous_job_still_exists()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest", jobKey: "digest-key");
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.GetJobAsync("worker-1");
        await DataSource.AgeJobLockAsync(first.Id, TimeSpan.FromHours(2));

        await ThrowsPostgresAsync(PostgresErrorCodes.UniqueViolation, () => DataSource.RunScheduledJobAsync(schedule.Id));

        Assert.Equal([first.Id], (await DataSource.AllJobsAsync()).Select(j => j.Id));
        Assert.Equal(first.Id, (await DataSource.FindScheduledJobAsync(schedule.Id))?.LastScheduledId);
    }

    [Fact]
    public async Task Run_scheduled_job_stays_blocked_by_a_permanently_failed_previous_job()
    {
        var schedule = await DataSource.AddScheduledJobAsync("digest", maxAttempts: 1);
        var first = await DataSource.RunScheduledJobAsync(schedule.Id);
        await DataSource.GetJobAsync("worker-1");
        await DataSource.FailJobAsync("worker-1", first.Id, "boom");

        var exception = await ThrowsPostgresAsync(PostgresErrorCodes.RaiseException, () => DataSource.RunScheduledJobAsync(schedule.Id));

        Assert.Equal("ALREADY_SCHEDULED", exception.MessageText);
    }

    [Fact]
    public async Task Run_scheduled_job_of_an_unknown_id_returns_a_null_row_and_creates_nothing()
    {
        var ids = await DataSource.QueryAsync(
            "SELECT id FROM app_jobs.run_scheduled_job(id => 4242)",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0));

        Assert.Null(Assert.Single(ids));
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Release_scheduled_jobs_unclaims_every_schedule_of_the_worker()
    {
        var a = await DataSource.AddScheduledJobAsync("a");
        var b = await DataSource.AddScheduledJobAsync("b");
        var c = await DataSource.AddScheduledJobAsync("c");
        await DataSource.GetScheduledJobAsync("scheduler-1");
        await DataSource.GetScheduledJobAsync("scheduler-1");
        await DataSource.GetScheduledJobAsync("scheduler-2");

        await DataSource.ReleaseScheduledJobsAsync("scheduler-1");

        Assert.Null((await DataSource.FindScheduledJobAsync(a.Id))?.LockedBy);
        Assert.Null((await DataSource.FindScheduledJobAsync(a.Id))?.LockedAt);
        Assert.Null((await DataSource.FindScheduledJobAsync(b.Id))?.LockedBy);
        Assert.Equal("scheduler-2", (await DataSource.FindScheduledJobAsync(c.Id))?.LockedBy);
        Assert.Equal(a.Id, (await DataSource.GetScheduledJobAsync("scheduler-3"))?.Id);
    }

    [Fact]
    public async Task Release_scheduled_jobs_with_ids_unclaims_only_those_of_the_worker()
    {
        var a = await DataSource.AddScheduledJobAsync("a");
        var b = await DataSource.AddScheduledJobAsync("b");
        var c = await DataSource.AddScheduledJobAsync("c");
        await DataSource.GetScheduledJobAsync("scheduler-1");
        await DataSource.GetScheduledJobAsync("scheduler-1");
        await DataSource.GetScheduledJobAsync("scheduler-2");

        await DataSource.ReleaseScheduledJobsAsync("scheduler-1", [b.Id, c.Id]);

        Assert.Equal("scheduler-1", (await DataSource.FindScheduledJobAsync(a.Id))?.LockedBy);
        Assert.Null((await DataSource.FindScheduledJobAsync(b.Id))?.LockedBy);
        Assert.Equal("scheduler-2", (await DataSource.FindScheduledJobAsync(c.Id))?.LockedBy);
    }
}

public sealed class ScheduledJobTestsOnInstaller(InstallerDatabase database) : ScheduledJobTests(database), IClassFixture<InstallerDatabase>;

public sealed class ScheduledJobTestsOnPgpm(PgpmDatabase database) : ScheduledJobTests(database), IClassFixture<PgpmDatabase>;
