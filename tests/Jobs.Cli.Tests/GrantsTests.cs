using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Cli.Tests;

/// <summary><c>jobs grants</c>: printed without a server, applied in one transaction with one.</summary>
public sealed class GrantsTests : MigrateTest
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();

    [Fact]
    public async Task Prints_the_worker_grants_without_a_connection()
    {
        var report = (await CliRun.RunAsync("grants", "--role", "app_worker", "--for", "worker")).AssertReport(0);

        Assert.Equal(
        [
            "GRANT USAGE ON SCHEMA \"app_jobs\" TO \"app_worker\";",
            "GRANT SELECT, UPDATE, DELETE ON \"app_jobs\".jobs, \"app_jobs\".job_queues TO \"app_worker\";",
            "GRANT EXECUTE ON FUNCTION \"app_jobs\".get_job, \"app_jobs\".complete_job, \"app_jobs\".fail_job, "
                + "\"app_jobs\".permanently_fail_jobs, \"app_jobs\".release_jobs TO \"app_worker\";",
        ], report);
    }

    [Fact]
    public async Task Prints_the_client_grants_for_another_schema_and_quotes_the_role()
    {
        var report = (await CliRun.RunAsync("grants", "--role", "Web \"App\"", "--for", "client", "--schema", "billing_jobs")).AssertReport(0);

        Assert.Equal(
        [
            "GRANT USAGE ON SCHEMA \"billing_jobs\" TO \"Web \"\"App\"\"\";",
            "GRANT SELECT, INSERT ON \"billing_jobs\".jobs TO \"Web \"\"App\"\"\";",
            "GRANT USAGE ON SEQUENCE \"billing_jobs\".jobs_id_seq TO \"Web \"\"App\"\"\";",
            "GRANT SELECT, INSERT, UPDATE ON \"billing_jobs\".job_queues TO \"Web \"\"App\"\"\";",
            "GRANT EXECUTE ON FUNCTION \"billing_jobs\".add_job TO \"Web \"\"App\"\"\";",
        ], report);
    }

    [Theory]
    [InlineData("grants --for worker", "missing --role <name>")]
    [InlineData("grants --role r", "missing --for <component>")]
    [InlineData("grants --role r --for janitor", "unknown component 'janitor' for --for")]
    public async Task Usage_errors_exit_2(string arguments, string expected)
    {
        var line = (await CliRun.RunAsync(arguments.Split(' '))).AssertOneLineError(2);

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_grants_exactly_the_printed_privileges()
    {
        (await MigrateAsync()).AssertOneLineSuccess();
        var role = "jobs_cli_admin_" + Guid.NewGuid().ToString("N")[..12];
        await Catalog.ExecuteAsync(Database, $"CREATE ROLE {role}");
        try
        {
            var line = (await CliRun.RunAsync("grants", "--role", role, "--for", "admin", "--connection", Database.ConnectionString, "--apply")).AssertOneLineSuccess();

            Assert.Equal($"granted role {role} the admin privileges in schema app_jobs (5 statements)", line);
            Assert.Equal("SELECT,INSERT,UPDATE,DELETE", await PrivilegesAsync(role, "app_jobs.jobs"));
            Assert.Equal("SELECT,INSERT,UPDATE,DELETE", await PrivilegesAsync(role, "app_jobs.job_queues"));
            Assert.Equal("SELECT,UPDATE,DELETE", await PrivilegesAsync(role, "app_jobs.scheduled_jobs"));
        }
        finally
        {
            await Catalog.ExecuteAsync(Database, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task Apply_to_a_missing_role_fails_in_one_line_and_grants_nothing()
    {
        (await MigrateAsync()).AssertOneLineSuccess();

        var line = (await CliRun.RunAsync("grants", "--role", "no_such_role_x", "--for", "worker", "--connection", Database.ConnectionString, "--apply")).AssertOneLineError(1);

        Assert.StartsWith("jobs: error: could not grant to role no_such_role_x: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_connection_the_statements_follow_the_047_shape()
    {
        await using var upstream = await Templates.Upstream047DatabaseAsync();

        var report = (await CliRun.RunAsync("grants", "--role", "w", "--for", "worker", "--connection", upstream.ConnectionString)).AssertReport(0);

        Assert.EndsWith("\"app_jobs\".release_jobs, \"app_jobs\".force_unlock_workers TO \"w\";", report[^1], StringComparison.Ordinal);
    }

    private async Task<string> PrivilegesAsync(string role, string table)
    {
        await using var command = Database.DataSource.CreateCommand("""
            SELECT coalesce(string_agg(p, ',' ORDER BY n), '')
              FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY AS t(p, n)
             WHERE has_table_privilege($1, $2, p)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
