using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>
/// A class fixture: one database with Jobs' schema for a whole test class, whose job tables
/// <see cref="JobsTest"/> empties before each test. A database per test cost its creation, its
/// drop and a first connection with its catalog caches: about a fifth of this project's CPU,
/// for the 170 tests that only read and write jobs.
/// </summary>
public sealed class InstallerDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _database = await (await JobsTemplates.Installer()).CloneAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
