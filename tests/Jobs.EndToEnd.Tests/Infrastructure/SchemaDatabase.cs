using Jobs.Testing.Postgres;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>A class fixture: a fresh database with the app_jobs schema, cloned from the template.</summary>
public sealed class SchemaDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync() => _database = await (await Jobs.Testing.Postgres.JobsTemplates.Installer()).CloneAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
