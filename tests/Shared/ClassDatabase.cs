using Jobs.Testing.Postgres;

namespace Jobs.Tests.Shared;

/// <summary>
/// A class fixture: one database cloned from a template for a whole test class, dropped after
/// it. Tests that only change rows share it and empty its tables first; a database per test cost
/// its creation, its drop and a first connection with cold catalog caches, tens of milliseconds
/// of server CPU each on 2 cores.
/// </summary>
public abstract class ClassDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The template the database is cloned from.</summary>
    protected abstract Task<DatabaseTemplate> TemplateAsync();

    public async ValueTask InitializeAsync() => _database = await (await TemplateAsync()).CloneAsync();

    /// <summary>
    /// Empties the job, queue and schedule tables and restarts their ids: where a test that shares
    /// the class's database starts.
    /// </summary>
    public async Task EmptyJobTablesAsync()
    {
        await using var command = Database.DataSource.CreateCommand("TRUNCATE app_jobs.jobs, app_jobs.job_queues, app_jobs.scheduled_jobs RESTART IDENTITY");
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
