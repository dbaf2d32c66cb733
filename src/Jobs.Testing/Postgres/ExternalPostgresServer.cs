using Jobs;

namespace Jobs.Testing.Postgres;

/// <summary>A server someone else runs, named by a connection string; never stopped by the tests.</summary>
public sealed class ExternalPostgresServer(string connectionString) : PostgresServer
{
    /// <inheritdoc />
    public override string ConnectionString { get; } = ConnectionStrings.Normalize(connectionString);

    /// <inheritdoc />
    public override string Origin => PostgresServerProvider.ConnectionStringVariable;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
