using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>Base of tests that run <c>jobs migrate</c> on a fresh database of their own, one per test.</summary>
public abstract class MigrateTest : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The database each test starts from.</summary>
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync() => _database = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected Task<CliRun> MigrateAsync(params string[] extra) =>
        CliRun.RunAsync(["migrate", "--connection", Database.ConnectionString, .. extra]);
}
