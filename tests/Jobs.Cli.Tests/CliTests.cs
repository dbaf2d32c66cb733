using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests;

/// <summary>The tool's entry point without a database: help, version, and usage errors.</summary>
public sealed class CliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Tool_help_lists_the_commands_and_the_connection_sources(string help)
    {
        var run = await CliRun.RunAsync(help);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("jobs [command] [options]", run.Stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "migrate", "grants", "status", "list", "show", "enqueue", "retry", "fail", "delete", "reschedule", "unlock", "workers" })
        {
            Assert.Matches($@"(?m)^  {command}\b", run.Stdout);
        }
        Assert.Contains("JOBS_DATABASE_URL", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "--help")]
    [InlineData("migrate", "-h")]
    [InlineData("help", "migrate")]
    [InlineData("migrate", "--bogus", "--help")]
    public async Task Migrate_help_describes_every_option(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("jobs migrate [options]", run.Stdout, StringComparison.Ordinal);
        foreach (var expected in new[] { "--connection <string>", "--schema <name>", "--check", "--dry-run", "--show-sql", "JOBS_DATABASE_URL", "PGHOST", "Exit codes:" })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("enqueue")]
    [InlineData("retry")]
    [InlineData("fail")]
    [InlineData("delete")]
    [InlineData("reschedule")]
    [InlineData("unlock")]
    [InlineData("workers")]
    [InlineData("workers", "unlock")]
    [InlineData("grants")]
    public async Task Every_command_has_help_with_its_options_exit_codes_and_an_example(params string[] command)
    {
        var run = await CliRun.RunAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains($"jobs {string.Join(' ', command)}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--connection <string>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Examples?:\n  jobs ", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("jobs li", new[] { "list" })]
    [InlineData("jobs workers u", new[] { "unlock" })]
    [InlineData("jobs list --state r", new[] { "ready", "retrying", "running" })]
    public async Task Shell_completion_suggests_commands_and_state_names(string line, string[] expected)
    {
        var run = await CliRun.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutLines);
    }

    [Fact]
    public async Task Version_prints_the_tool_and_schema_versions()
    {
        var line = (await CliRun.RunAsync("--version")).AssertOneLineSuccess();
        Assert.Matches(@"^jobs \d+\.\d+\.\d+\S* \(app_jobs schema version \d+\)$", line);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var line = (await CliRun.RunAsync()).AssertOneLineError(2);
        Assert.Equal("jobs: error: no command given; run 'jobs --help' for the list of commands", line);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error_listing_the_commands()
    {
        var line = (await CliRun.RunAsync("migrtae")).AssertOneLineError(2);
        Assert.Contains("unknown command 'migrtae'; the commands are: migrate", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var line = (await CliRun.RunAsync("migrate", "--conection", "Host=db")).AssertOneLineError(2);
        Assert.Equal("jobs: error: unknown option '--conection' for 'jobs migrate'; run 'jobs migrate --help' for usage", line);
    }

    [Fact]
    public async Task Option_before_the_command_is_a_usage_error_that_says_where_options_go()
    {
        var line = (await CliRun.RunAsync("--connection", "Host=db", "migrate")).AssertOneLineError(2);
        Assert.Contains("options go after the command", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_connection_is_a_usage_error_naming_the_three_sources()
    {
        var run = await CliRun.RunAsync(Connections.Environment(("HOME", "/root"), ("PGHOST", "")), "migrate");
        var line = run.AssertOneLineError(2);
        Assert.Equal(
            "jobs: error: no database connection: pass --connection <string>, or set JOBS_DATABASE_URL, "
            + "or set the PostgreSQL variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD",
            line);
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("1jobs")]
    [InlineData("app_jobs; DROP TABLE x")]
    [InlineData("\"app_jobs\"")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Invalid_schema_name_is_a_usage_error(string schema)
    {
        // Checked before any connection is made: the unreachable server is never tried.
        var line = (await CliRun.RunAsync("migrate", "--schema", schema, "--connection", Connections.Unreachable)).AssertOneLineError(2);
        Assert.Contains("is not a valid schema name", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_connection_string_is_a_usage_error()
    {
        var line = (await CliRun.RunAsync("migrate", "--connection", "Host=db;Port=abc;Password=hunter2")).AssertOneLineError(2);
        Assert.Contains("--connection is not a valid connection string or postgres:// URL", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unreachable_server_is_a_one_line_runtime_error(bool check)
    {
        string[] args = check
            ? ["migrate", "--check", "--connection", Connections.Unreachable + ";Password=hunter2"]
            : ["migrate", "--connection", Connections.Unreachable + ";Password=hunter2"];
        var line = (await CliRun.RunAsync(args)).AssertOneLineError(1);
        Assert.StartsWith("jobs: error: could not connect to PostgreSQL at 127.0.0.1:1, database postgres, user postgres (from --connection): ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_from_libpq_variables_names_them()
    {
        var environment = Connections.Environment(("PGHOST", "127.0.0.1"), ("PGPORT", "1"), ("PGUSER", "ops"));
        var line = (await CliRun.RunAsync(environment, "migrate")).AssertOneLineError(1);
        Assert.StartsWith("jobs: error: could not connect to PostgreSQL at 127.0.0.1:1, user ops (from PGHOST, PGPORT, PGUSER): ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_reported_in_one_line()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var exitCode = await Cli.RunAsync(["migrate", "--connection", Connections.Unreachable], stdout, stderr, Connections.Environment(), cancelled.Token);
        Assert.Equal(130, exitCode);
        Assert.Equal("jobs: error: cancelled", stderr.ToString().Trim());
    }
}
