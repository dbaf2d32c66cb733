using Npgsql;

namespace Jobs;

/// <summary>Accepts both Npgsql key=value strings and <c>postgres://user:pass@host:port/db</c> URLs.</summary>
public static class ConnectionStrings
{
    /// <summary>Returns an Npgsql connection string for <paramref name="value"/>, a key=value string or a URL.</summary>
    /// <exception cref="ArgumentException">The value is neither.</exception>
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            // libpq's host-less form (postgres:///db) means the local server.
            Host = uri.Host.Length > 0 ? Uri.UnescapeDataString(uri.Host) : "localhost",
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
        };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            ApplyUrlParameter(builder, Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "");
        }
        return builder.ConnectionString;
    }

    // libpq's URL parameters under their libpq names; anything else must be an Npgsql keyword.
    private static void ApplyUrlParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new ArgumentException($"Unknown sslmode '{value}': use disable, allow, prefer, require, verify-ca or verify-full."),
                };
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "target_session_attrs":
                builder.TargetSessionAttributes = value;
                break;
            case "options":
                builder.Options = value;
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            default:
                builder[key] = value;
                break;
        }
    }
}
