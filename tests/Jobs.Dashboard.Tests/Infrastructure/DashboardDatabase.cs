using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>
/// A class fixture: one database of a schema shape for a whole test class, whose job tables
/// <see cref="DashboardTest"/> empties before each test. A database per test cost its creation,
/// its drop and a first connection with its catalog caches, for tests that only change rows.
/// </summary>
public abstract class DashboardDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The schema shape: <see cref="JobsTemplates.Installer"/> or <see cref="JobsTemplates.Pgpm"/>.</summary>
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

/// <summary>A class database whose schema our installer made.</summary>
public sealed class InstallerDashboardDatabase : DashboardDatabase
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}

/// <summary>A class database whose schema the genuine @pgpm/database-jobs SQL made.</summary>
public sealed class PgpmDashboardDatabase : DashboardDatabase
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Pgpm();
}
