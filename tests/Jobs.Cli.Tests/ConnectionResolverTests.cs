using Jobs.Cli.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Cli.Tests;

public sealed class ConnectionResolverTests
{
    private static NpgsqlConnectionStringBuilder Resolve(string? option, params (string, string?)[] variables) =>
        new(ConnectionResolver.Resolve(option, Connections.Environment(variables)).ConnectionString);

    private static CliException Fails(string? option, params (string, string?)[] variables)
    {
        var ex = Assert.Throws<CliException>(() => ConnectionResolver.Resolve(option, Connections.Environment(variables)));
        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        return ex;
    }

    [Fact]
    public void Option_wins_over_every_variable()
    {
        var resolved = ConnectionResolver.Resolve("Host=from-option;Database=a", Connections.Environment(
            ("JOBS_DATABASE_URL", "postgres://u@from-url/b"), ("PGHOST", "from-pg")));
        Assert.Equal("--connection", resolved.Source);
        Assert.Equal("from-option", new NpgsqlConnectionStringBuilder(resolved.ConnectionString).Host);
    }

    [Fact]
    public void Database_url_variable_wins_over_libpq_variables()
    {
        var resolved = ConnectionResolver.Resolve(null, Connections.Environment(
            ("JOBS_DATABASE_URL", "postgres://u@from-url/b"), ("PGHOST", "from-pg"), ("PGDATABASE", "c")));
        Assert.Equal("JOBS_DATABASE_URL", resolved.Source);
        var builder = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
        Assert.Equal("from-url", builder.Host);
        Assert.Equal("b", builder.Database);
    }

    [Fact]
    public void Libpq_variables_build_the_connection_string()
    {
        var resolved = ConnectionResolver.Resolve(null, Connections.Environment(
            ("PGHOST", "db.internal"), ("PGPORT", "6432"), ("PGDATABASE", "app"), ("PGUSER", "ops"), ("PGPASSWORD", "s3cret;x=y")));
        var builder = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6432, builder.Port);
        Assert.Equal("app", builder.Database);
        Assert.Equal("ops", builder.Username);
        Assert.Equal("s3cret;x=y", builder.Password);
        Assert.Equal("PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD", resolved.Source);
        Assert.DoesNotContain("s3cret", resolved.Describe(), StringComparison.Ordinal);
        Assert.Equal("db.internal:6432, database app, user ops (from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD)", resolved.Describe());
    }

    [Fact]
    public void Only_the_libpq_variables_that_are_set_are_used()
    {
        var builder = Resolve(null, ("PGDATABASE", "app"));
        Assert.Equal(ConnectionResolver.DefaultHost, builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("app", builder.Database);
        Assert.Null(builder.Password);
    }

    [Fact]
    public void A_unix_socket_directory_in_PGHOST_is_kept()
    {
        Assert.Equal("/var/run/postgresql", Resolve(null, ("PGHOST", "/var/run/postgresql")).Host);
    }

    [Fact]
    public void Empty_variables_count_as_unset()
    {
        var builder = Resolve(null, ("JOBS_DATABASE_URL", ""), ("PGHOST", "db"), ("PGPORT", " "), ("PGUSER", null));
        Assert.Equal("db", builder.Host);
        Assert.Equal(5432, builder.Port);
    }

    [Fact]
    public void No_source_is_a_usage_error_naming_all_three()
    {
        var message = Fails(null, ("PATH", "/usr/bin"), ("PGHOST", "")).Message;
        Assert.Contains("--connection", message, StringComparison.Ordinal);
        Assert.Contains("JOBS_DATABASE_URL", message, StringComparison.Ordinal);
        Assert.Contains("PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void Invalid_PGPORT_is_a_usage_error(string port)
    {
        Assert.Contains("PGPORT is not a valid port", Fails(null, ("PGHOST", "db"), ("PGPORT", port)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://ops:p%40ss@db.internal:6432/app")]
    [InlineData("postgresql://ops:p%40ss@db.internal:6432/app")]
    public void Urls_are_accepted_from_the_option_and_the_variable(string url)
    {
        foreach (var builder in new[] { Resolve(url), Resolve(null, ("JOBS_DATABASE_URL", url)) })
        {
            Assert.Equal("db.internal", builder.Host);
            Assert.Equal(6432, builder.Port);
            Assert.Equal("app", builder.Database);
            Assert.Equal("ops", builder.Username);
            Assert.Equal("p@ss", builder.Password);
        }
    }

    [Theory]
    [InlineData("Host=db;Bogus=1;Password=hunter2", "--connection is not a valid connection string")]
    [InlineData("Host=db;Port=abc;Password=hunter2", "Couldn't set port")]
    [InlineData("postgres://u:hunter2@db:99999/app", "Invalid port")]
    [InlineData("Database=app;Password=hunter2", "--connection names no host")]
    public void Malformed_connection_is_a_usage_error_that_never_shows_the_password(string value, string expected)
    {
        var message = Fails(value).Message;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_variable_is_named()
    {
        Assert.StartsWith("JOBS_DATABASE_URL is not a valid", Fails(null, ("JOBS_DATABASE_URL", "Nope=1")).Message, StringComparison.Ordinal);
    }
}
