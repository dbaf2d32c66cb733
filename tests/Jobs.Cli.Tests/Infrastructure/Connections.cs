using System.Globalization;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>The same test database, spelled the other ways the CLI accepts.</summary>
public static class Connections
{
    /// <summary>An environment holding exactly <paramref name="variables"/>.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    /// <summary><paramref name="database"/> as a <c>postgres://user:password@host:port/database</c> URL.</summary>
    public static string Url(TestDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var user = Uri.EscapeDataString(builder.Username ?? "postgres");
        var password = string.IsNullOrEmpty(builder.Password) ? "" : ":" + Uri.EscapeDataString(builder.Password);
        return $"postgres://{user}{password}@{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(database.Name)}";
    }

    /// <summary><paramref name="database"/> as the libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER (and PGPASSWORD when the server needs one).</summary>
    public static IReadOnlyDictionary<string, string?> LibpqVariables(TestDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PGHOST"] = builder.Host,
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = database.Name,
            ["PGUSER"] = builder.Username,
        };
        if (!string.IsNullOrEmpty(builder.Password))
        {
            variables["PGPASSWORD"] = builder.Password;
        }
        return variables;
    }

    /// <summary>A connection string nobody listens on: connecting is refused at once.</summary>
    public const string Unreachable = "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres";
}
