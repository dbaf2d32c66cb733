using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Benchmarking;

/// <summary>
/// Where a benchmark runs: JOBS_DATABASE_URL when set, else a throwaway local cluster with
/// PostgreSQL's durable defaults (fsync, synchronous_commit and full_page_writes on), so a figure
/// never comes from a server that skips its flushes. Each run gets a database of its own.
/// </summary>
internal static class BenchmarkServer
{
    /// <summary>The server, and how to name it beside the figures.</summary>
    public static async Task<(PostgresServer Server, string Origin)> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable("JOBS_DATABASE_URL");
        if (url is { Length: > 0 })
        {
            return (new ExternalPostgresServer(url), "JOBS_DATABASE_URL");
        }
        var cluster = await LocalPostgresCluster.StartDurableAsync(
            PostgresBinaries.Find() ?? throw new InvalidOperationException("Set JOBS_DATABASE_URL, or install the PostgreSQL server binaries (initdb, pg_ctl)."),
            CancellationToken.None);
        return (cluster, "durable " + cluster.Origin);
    }

    /// <summary>Creates (or re-creates) the database <paramref name="name"/> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(PostgresServer server, string name, int? maxPoolSize = null)
    {
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }
        return builder.ConnectionString;
    }
}
