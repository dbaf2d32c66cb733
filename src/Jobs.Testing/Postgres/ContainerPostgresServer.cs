using Testcontainers.PostgreSql;

namespace Jobs.Testing.Postgres;

/// <summary>A PostgreSQL container started through Testcontainers; removed on dispose.</summary>
public sealed class ContainerPostgresServer : PostgresServer
{
    private readonly PostgreSqlContainer _container;

    private ContainerPostgresServer(PostgreSqlContainer container) => _container = container;

    /// <inheritdoc />
    public override string ConnectionString => _container.GetConnectionString();

    /// <inheritdoc />
    public override string Origin => "Testcontainers";

    /// <summary>True when a Docker engine is configured: a socket or DOCKER_HOST. The engine may still not answer.</summary>
    public static bool IsDockerConfigured() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        || File.Exists("/var/run/docker.sock")
        || File.Exists(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock"));

    /// <summary>Starts a postgres:15 container; throws when the engine does not answer.</summary>
    public static async Task<ContainerPostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder("postgres:15-alpine")
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300")
            .Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new ContainerPostgresServer(container);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _container.DisposeAsync();
}
