using Jobs.Cli.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Cli.Tests;

/// <summary>
/// A password in the connection string never appears in any command's output or error: after
/// success, after a refused connection, and after an SQL error.
/// </summary>
// A database per test. On a class database, the `jobs bench` case failed once in CI: a statement
// of the bench's enqueue phase timed out after 30 s (cause not found; it passed locally 6 times).
public sealed class SecretsTests : JobsTest
{
    private const string FakePassword = "never-print-me-7f3a";

    /// <summary>Every command, with arguments that make it run (the job id 1 and the schedule 1, keyed nightly, exist in each test).</summary>
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "migrate", "--check" },
        new[] { "migrate", "--dry-run" },
        new[] { "migrate" },
        new[] { "grants", "--role", "postgres", "--for", "worker" },
        new[] { "status" },
        new[] { "status", "--json" },
        new[] { "list" },
        new[] { "list", "--json" },
        new[] { "show", "1" },
        new[] { "enqueue", "mail", "--database-id", DatabaseId.ToString() },
        new[] { "retry", "1" },
        new[] { "fail", "1", "--dry-run" },
        new[] { "reschedule", "1", "--priority", "2" },
        new[] { "unlock", "1" },
        new[] { "delete", "1" },
        new[] { "workers" },
        new[] { "workers", "unlock", "w-1" },
        new[] { "schedules", "list" },
        new[] { "schedules", "list", "--json" },
        new[] { "schedules", "run-now", "nightly" },
        new[] { "schedules", "pause", "nightly" },
        new[] { "schedules", "resume", "1" },
        new[] { "schedules", "delete", "nightly", "--yes" },
        new[] { "bench", "--jobs", "50", "--concurrency", "2", "--strategy", "batched", "--runs", "1", "--probes", "2" },
    };

    // The test database's own password if it has one; otherwise a fake one, which trust authentication ignores.
    private (string ConnectionString, string Password) WithPassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        if (string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = FakePassword;
        }
        return (builder.ConnectionString, builder.Password);
    }

    private static void AssertNoSecret(CliRun run, string password)
    {
        Assert.DoesNotContain(password, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Not_after_success(string[] command)
    {
        await EnqueueAsync("mail");
        await ExecuteAsync("SELECT app_jobs.add_scheduled_job(db_id => $1, identifier => 'report', schedule_info => '{\"rule\": \"0 2 * * *\"}', job_key => 'nightly')", DatabaseId);
        var (connection, password) = WithPassword();

        var run = await CliRun.RunAsync([.. command, "--connection", connection]);

        Assert.True(run.ExitCode == 0, $"{run.ExitCode}: {run.Stdout} {run.Stderr}");
        AssertNoSecret(run, password);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Not_after_a_refused_connection_given_as_option_url_or_variable(string[] command)
    {
        // Printing grants needs no server unless asked to apply them.
        command = command[0] == "grants" ? [.. command, "--apply"] : command;
        var fromOption = await CliRun.RunAsync([.. command, "--connection", Connections.Unreachable + ";Password=" + FakePassword]);
        var fromUrl = await CliRun.RunAsync(Connections.Environment(("JOBS_DATABASE_URL", $"postgres://ops:{FakePassword}@127.0.0.1:1/app")), command);
        var fromVariables = await CliRun.RunAsync(Connections.Environment(("PGHOST", "127.0.0.1"), ("PGPORT", "1"), ("PGPASSWORD", FakePassword)), command);

        foreach (var run in new[] { fromOption, fromUrl, fromVariables })
        {
            Assert.StartsWith("jobs: error: could not connect to PostgreSQL at 127.0.0.1:1", run.AssertOneLineError(1), StringComparison.Ordinal);
            AssertNoSecret(run, FakePassword);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Not_after_an_sql_error_or_a_malformed_connection_string(string[] command)
    {
        var (connection, password) = WithPassword();
        if (command[0] is not ("migrate" or "grants"))
        {
            // A schema that does not exist: every query fails on the server.
            var run = await CliRun.RunAsync([.. command, "--schema", "no_such_schema", "--connection", connection]);
            Assert.NotEqual(0, run.ExitCode);
            AssertNoSecret(run, password);
        }
        var malformed = await CliRun.RunAsync([.. command, "--connection", $"Host=db;Port=abc;Password={FakePassword}"]);
        malformed.AssertOneLineError(2);
        AssertNoSecret(malformed, FakePassword);
    }
}
