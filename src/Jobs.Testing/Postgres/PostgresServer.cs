namespace Jobs.Testing.Postgres;

/// <summary>A running PostgreSQL server that tests may create databases on.</summary>
public abstract class PostgresServer : IAsyncDisposable
{
    /// <summary>A connection string to the server's maintenance database, with rights to create databases.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Where the server came from, for test output: "JOBS_TEST_DATABASE_URL", "Testcontainers" or "local binaries".</summary>
    public abstract string Origin { get; }

    /// <summary>Stops the server if this process started it.</summary>
    public abstract ValueTask DisposeAsync();
}
