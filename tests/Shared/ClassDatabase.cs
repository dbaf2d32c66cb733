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

    public async Task InitializeAsync() => _database = await (await TemplateAsync()).CloneAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
