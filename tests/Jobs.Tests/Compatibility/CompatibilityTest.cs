using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Compatibility;

/// <summary>
/// Base of the compatibility suite: every test runs once against our installer's schema and
/// once against the genuine pgpm SQL (a sealed subclass per flavour). xUnit makes a new
/// instance per test, and each starts from empty tables.
/// </summary>
public abstract class CompatibilityTest(SchemaDatabase database) : IAsyncLifetime
{
    protected static readonly Guid DatabaseId = JobsSql.DatabaseId;

    protected SchemaDatabase Database { get; } = database;

    protected NpgsqlDataSource DataSource => Database.DataSource;

    public virtual async ValueTask InitializeAsync()
    {
        await using var command = DataSource.CreateCommand(
            "TRUNCATE app_jobs.jobs, app_jobs.job_queues, app_jobs.scheduled_jobs RESTART IDENTITY");
        await command.ExecuteNonQueryAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
