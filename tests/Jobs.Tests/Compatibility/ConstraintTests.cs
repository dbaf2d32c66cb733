using Jobs.Tests.Infrastructure;
using Npgsql;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

public abstract class ConstraintTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task A_task_identifier_of_127_characters_violates_the_check()
    {
        await DataSource.AddJobAsync(new string('t', 126));

        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddJobAsync(new string('t', 127)));
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task A_key_of_513_characters_violates_the_check()
    {
        await DataSource.AddJobAsync("work", jobKey: new string('k', 512));

        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddJobAsync("work", jobKey: new string('k', 513)));
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Max_attempts_of_zero_or_less_violates_the_check()
    {
        await DataSource.AddJobAsync("work", maxAttempts: 1);

        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddJobAsync("work", maxAttempts: 0));
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddJobAsync("work", maxAttempts: -1));
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task A_queue_name_of_127_characters_violates_the_check()
    {
        await DataSource.AddJobAsync("work", queueName: new string('q', 126));

        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddJobAsync("work", queueName: new string('q', 127)));
        Assert.Single(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task A_worker_id_of_three_characters_violates_the_locked_by_check_and_leaves_the_job_untouched()
    {
        var job = await DataSource.AddJobAsync("work", queueName: "q");

        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.GetJobAsync("abc"));

        Assert.Equal(job, await DataSource.FindJobAsync(job.Id));
        Assert.Equal(new QueueRow("q", 1, null, null), await DataSource.FindQueueAsync("q"));
        Assert.Equal("abcd", (await DataSource.GetJobAsync("abcd"))?.LockedBy);
    }

    [Fact]
    public async Task Scheduled_jobs_have_the_same_checks()
    {
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddScheduledJobAsync(new string('t', 127)));
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddScheduledJobAsync("work", jobKey: new string('k', 513)));
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddScheduledJobAsync("work", maxAttempts: 0));
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.AddScheduledJobAsync("work", queueName: new string('q', 127)));
        Assert.Empty(await DataSource.AllScheduledJobsAsync());

        await DataSource.AddScheduledJobAsync("work");
        await ThrowsPostgresAsync(PostgresErrorCodes.CheckViolation, () => DataSource.GetScheduledJobAsync("abc"));
        Assert.Null(Assert.Single(await DataSource.AllScheduledJobsAsync()).LockedBy);
    }

    [Fact]
    public async Task An_explicit_null_payload_without_a_key_violates_not_null()
    {
        var exception = await ThrowsPostgresAsync(
            PostgresErrorCodes.NotNullViolation,
            () => DataSource.ExecuteAsync("SELECT app_jobs.add_job(db_id => $1, identifier => 'work', payload => NULL)", DatabaseId));

        Assert.Equal("payload", exception.ColumnName);
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task Explicit_null_run_at_max_attempts_or_priority_without_a_key_violate_not_null()
    {
        foreach (var column in new[] { "run_at", "max_attempts", "priority" })
        {
            var exception = await ThrowsPostgresAsync(
                PostgresErrorCodes.NotNullViolation,
                () => DataSource.ExecuteAsync($"SELECT app_jobs.add_job(db_id => $1, identifier => 'work', {column} => NULL)", DatabaseId));
            Assert.Equal(column, exception.ColumnName);
        }
        Assert.Empty(await DataSource.AllJobsAsync());
    }

    [Fact]
    public async Task An_explicit_null_schedule_info_violates_not_null_with_or_without_a_key()
    {
        foreach (var key in new[] { "NULL", "'some-key'" })
        {
            var exception = await ThrowsPostgresAsync(
                PostgresErrorCodes.NotNullViolation,
                () => DataSource.ExecuteAsync(
                    $"SELECT app_jobs.add_scheduled_job(db_id => $1, identifier => 'work', schedule_info => NULL, job_key => {key})", DatabaseId));
            Assert.Equal("schedule_info", exception.ColumnName);
        }
        Assert.Empty(await DataSource.AllScheduledJobsAsync());
    }

    [Fact]
    public async Task Keys_are_unique_across_jobs()
    {
        await DataSource.AddJobAsync("work", jobKey: "dup");

        await ThrowsPostgresAsync(
            PostgresErrorCodes.UniqueViolation,
            () => DataSource.ExecuteAsync("INSERT INTO app_jobs.jobs (database_id, task_identifier, key) VALUES ($1, 'raw', 'dup')", DatabaseId));
    }
}

public sealed class ConstraintTestsOnInstaller(InstallerDatabase database) : ConstraintTests(database), IClassFixture<InstallerDatabase>;

public sealed class ConstraintTestsOnPgpm(PgpmDatabase database) : ConstraintTests(database), IClassFixture<PgpmDatabase>;
