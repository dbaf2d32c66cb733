using System.Globalization;
using Npgsql;

namespace Jobs.Cli;

/// <summary>A connection string the CLI will use, and where it came from (for messages; never the password).</summary>
/// <param name="ConnectionString">An Npgsql key=value connection string.</param>
/// <param name="Source">Where it came from: <c>--connection</c>, <c>JOBS_DATABASE_URL</c>, or the PG* variables that were set.</param>
internal sealed record ResolvedConnection(string ConnectionString, string Source)
{
    /// <summary>The server and database it points at, for an operator: <c>db.internal:5432, database app, user ops (from JOBS_DATABASE_URL)</c>.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var host = builder.Host ?? "";
        // A host list may carry its own ports ("a:5433,b"); the Port key only fills the gaps.
        var target = host.Contains(',', StringComparison.Ordinal) || host.StartsWith('/') ? host : $"{host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";
        var parts = new List<string> { target };
        if (!string.IsNullOrEmpty(builder.Database))
        {
            parts.Add("database " + builder.Database);
        }
        if (!string.IsNullOrEmpty(builder.Username))
        {
            parts.Add("user " + builder.Username);
        }
        return $"{string.Join(", ", parts)} (from {Source})";
    }
}

/// <summary>
/// Finds the database to use, first match wins: the <c>--connection</c> option (Npgsql key=value or
/// <c>postgres://</c> URL), the <c>JOBS_DATABASE_URL</c> variable (same forms), then the standard
/// libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD. Reads the environment only
/// through the dictionary it is given, so tests never touch the process's variables.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The variable holding a connection string or URL, used when <c>--connection</c> is absent.</summary>
    public const string DatabaseUrlVariable = "JOBS_DATABASE_URL";

    /// <summary>The name of the command-line option.</summary>
    public const string ConnectionOption = "--connection";

    /// <summary>The libpq variables read when neither <c>--connection</c> nor <see cref="DatabaseUrlVariable"/> is set.</summary>
    public static IReadOnlyList<string> LibpqVariables { get; } = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD"];

    /// <summary>The host used when PG* variables are set but PGHOST is not.</summary>
    public const string DefaultHost = "localhost";

    /// <summary>Resolves the connection from <paramref name="connectionOption"/> or <paramref name="environment"/>.</summary>
    /// <exception cref="CliException">A usage error: no source gives a connection, or the one found is malformed.</exception>
    public static ResolvedConnection Resolve(string? connectionOption, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        if (!string.IsNullOrWhiteSpace(connectionOption))
        {
            return FromString(connectionOption, ConnectionOption);
        }

        if (Get(environment, DatabaseUrlVariable) is { } url)
        {
            return FromString(url, DatabaseUrlVariable);
        }

        var set = LibpqVariables.Where(v => Get(environment, v) is not null).ToArray();
        if (set.Length > 0)
        {
            return FromLibpqVariables(environment, set);
        }

        throw CliException.Usage(
            $"no database connection: pass {ConnectionOption} <string>, or set {DatabaseUrlVariable}, "
            + $"or set the PostgreSQL variables {string.Join(", ", LibpqVariables)}");
    }

    private static ResolvedConnection FromString(string value, string source)
    {
        string normalized;
        try
        {
            normalized = ConnectionStrings.Normalize(value.Trim());
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The message names the offending key or part, never the value: it may hold a password.
            throw CliException.Usage($"{source} is not a valid connection string or postgres:// URL: {ErrorText.Describe(ex)}", ex);
        }
        if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(normalized).Host))
        {
            throw CliException.Usage($"{source} names no host: give Host=... or postgres://user@host/database");
        }
        return new ResolvedConnection(normalized, source);
    }

    private static ResolvedConnection FromLibpqVariables(IReadOnlyDictionary<string, string?> environment, string[] set)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = Get(environment, "PGHOST") ?? DefaultHost };
        if (Get(environment, "PGPORT") is { } port)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                throw CliException.Usage($"PGPORT is not a valid port: '{port}'");
            }
            builder.Port = number;
        }
        if (Get(environment, "PGDATABASE") is { } database)
        {
            builder.Database = database;
        }
        if (Get(environment, "PGUSER") is { } user)
        {
            builder.Username = user;
        }
        if (Get(environment, "PGPASSWORD") is { } password)
        {
            builder.Password = password;
        }
        return new ResolvedConnection(builder.ConnectionString, string.Join(", ", set));
    }

    private static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
