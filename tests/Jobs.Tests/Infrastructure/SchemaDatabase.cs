using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>A class fixture: a fresh database cloned from the template of one schema flavour.</summary>
public abstract class SchemaDatabase(SchemaFlavor flavor) : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>Which schema this database holds.</summary>
    public SchemaFlavor Flavor { get; } = flavor;

    /// <summary>The database; available once the fixture is initialised.</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public NpgsqlDataSource DataSource => Database.DataSource;

    public string ConnectionString => Database.ConnectionString;

    /// <summary>
    /// The framework's data source over the database, shared by the class's tests and the workers
    /// and schedulers they run (<see cref="SharedDataSources"/>): a backend costs a fork and its
    /// catalog caches, tens of milliseconds of server CPU, and one per test added up to a third of
    /// the suite's time.
    /// </summary>
    public NpgsqlDataSource JobsDataSource => SharedDataSources.For(ConnectionString);

    public async ValueTask InitializeAsync() => _database = await (await Templates.For(Flavor)).CloneAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await SharedDataSources.Forget(ConnectionString);
            await _database.DisposeAsync();
        }
    }
}

/// <summary>A database whose schema our installer made.</summary>
public sealed class InstallerDatabase() : SchemaDatabase(SchemaFlavor.Installer);

/// <summary>A database whose schema the genuine @pgpm/database-jobs SQL made.</summary>
public sealed class PgpmDatabase() : SchemaDatabase(SchemaFlavor.Pgpm);

/// <summary>A database whose app_jobs is the 0.47-shaped schema of Upstream047Schema.sql, on its own (no installer underneath).</summary>
public sealed class Upstream047Database() : SchemaDatabase(SchemaFlavor.Upstream047);
