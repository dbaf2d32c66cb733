using Npgsql;

namespace Jobs.Tests.Configuration;

public sealed class ConnectionStringsTests
{
    [Fact]
    public void A_url_becomes_an_npgsql_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.Normalize("postgres://ada:p%40ss@db.example.com:6543/app%20db?sslmode=verify-full&application_name=worker&connect_timeout=7&target_session_attrs=read-write"));

        Assert.Equal(("db.example.com", 6543, "app db", "ada", "p@ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal((SslMode.VerifyFull, "worker", 7, "read-write"), (builder.SslMode, builder.ApplicationName, builder.Timeout, builder.TargetSessionAttributes));
    }

    [Fact]
    public void A_host_less_url_means_the_local_server_on_the_default_port()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.Normalize("postgresql:///jobs"));
        Assert.Equal(("localhost", 5432, "jobs"), (builder.Host, builder.Port, builder.Database));
    }

    [Fact]
    public void A_key_value_string_is_kept()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.Normalize("Host=h;Port=1234;Database=d"));
        Assert.Equal(("h", 1234, "d"), (builder.Host, builder.Port, builder.Database));
    }

    [Fact]
    public void An_unknown_sslmode_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectionStrings.Normalize("postgres://h/d?sslmode=sometimes"));
        Assert.Contains("verify-full", error.Message, StringComparison.Ordinal);
    }
}
