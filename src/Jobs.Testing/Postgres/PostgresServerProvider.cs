namespace Jobs.Testing.Postgres;

/// <summary>
/// Finds a PostgreSQL server for tests, in this order: the connection string in
/// <c>JOBS_TEST_DATABASE_URL</c>; a Testcontainers container when a Docker engine answers; a
/// throwaway cluster from the local PostgreSQL binaries.
/// </summary>
public static class PostgresServerProvider
{
    /// <summary>The environment variable holding a connection string (key=value or URL) to use as is.</summary>
    public const string ConnectionStringVariable = "JOBS_TEST_DATABASE_URL";

    /// <summary>Starts or finds a server; throws <see cref="InvalidOperationException"/> naming the three ways when none works.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new ExternalPostgresServer(fromEnvironment);
        }

        var reasons = new List<string> { $"{ConnectionStringVariable} is not set" };
        if (ContainerPostgresServer.IsDockerConfigured())
        {
            try
            {
                return await ContainerPostgresServer.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                reasons.Add($"Testcontainers could not start PostgreSQL ({ex.GetType().Name}: {FirstLine(ex.Message)})");
            }
        }
        else
        {
            reasons.Add("no Docker engine is configured for Testcontainers");
        }

        var binaries = PostgresBinaries.Find();
        if (binaries is null)
        {
            reasons.Add("no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin");
        }
        else
        {
            try
            {
                return await LocalPostgresCluster.StartAsync(binaries, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                reasons.Add(ex.Message);
            }
        }

        throw new InvalidOperationException(
            "No PostgreSQL server for the tests. Provide one of: (1) a connection string in "
            + ConnectionStringVariable + "; (2) a running Docker engine for Testcontainers; (3) the PostgreSQL server binaries "
            + "(initdb, pg_ctl; e.g. apt-get install postgresql). Tried: " + string.Join("; ", reasons) + ".");
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
