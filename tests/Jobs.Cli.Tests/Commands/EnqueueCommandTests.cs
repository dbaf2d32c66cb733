using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs enqueue</c>: the payload inline, from a file or stdin, checked as the client checks it; the options; the job printed.</summary>
public sealed class EnqueueCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    private static readonly string Tenant = DatabaseId.ToString();

    private async Task<JobRow> OnlyJobAsync() => Assert.Single(await Admin.ListAsync());

    [Fact]
    public async Task Enqueues_with_every_option_and_prints_the_job()
    {
        var line = (await JobsAsync("enqueue", "send_email", "--payload", """{"to":"ada@example.com"}""", "--queue", "outbox",
            "--priority", "-5", "--key", "mail:1", "--max-attempts", "3", "--database-id", Tenant)).AssertOneLineSuccess();

        var job = await OnlyJobAsync();
        Assert.Matches($@"^enqueued job {job.Id} \(send_email, ready, run at \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ\)$", line);
        Assert.Equal(("send_email", "outbox", -5, "mail:1", 3, DatabaseId), (job.TaskIdentifier, job.QueueName, job.Priority, job.Key, job.MaxAttempts, job.DatabaseId));
        Assert.Equal("""{"to":"ada@example.com"}""", job.Payload);
    }

    [Fact]
    public async Task Json_prints_the_stored_job()
    {
        var row = Assert.Single((await JobsAsync("enqueue", "mail", "--delay", "1h", "--database-id", Tenant, "--json")).AssertJsonLines());

        var job = await OnlyJobAsync();
        Assert.Equal((job.Id, "scheduled"), (row.GetProperty("id").GetInt64(), row.GetProperty("state").GetString()));
        Assert.Equal("{}", job.Payload);
        Assert.InRange(job.RunAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task Reads_the_payload_from_a_file_and_from_stdin()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"from":"file"}""");
            (await JobsAsync("enqueue", "a", "--payload", "@" + path, "--database-id", Tenant)).AssertOneLineSuccess();
        }
        finally
        {
            File.Delete(path);
        }
        var terminal = new CliTerminal("""{"from":"stdin"}""", InputIsTerminal: false, OutputIsTerminal: false);
        var run = await CliRun.RunAsync(terminal, Connections.Environment(), "enqueue", "b", "--payload", "-", "--database-id", Tenant, "--connection", Database.ConnectionString);
        run.AssertOneLineSuccess();

        var jobs = await Admin.ListAsync();
        Assert.Equal(["""{"from":"stdin"}""", """{"from":"file"}"""], jobs.Select(j => j.Payload));
    }

    [Fact]
    public async Task Runs_at_the_time_given()
    {
        (await JobsAsync("enqueue", "mail", "--run-at", "2031-01-02T03:04:05Z", "--database-id", Tenant)).AssertOneLineSuccess();

        Assert.Equal(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero), (await OnlyJobAsync()).RunAt);
    }

    [Theory]
    [InlineData("""{"to":""", "not valid JSON")]
    [InlineData("[1,2", "not valid JSON")]
    public async Task An_invalid_payload_is_a_usage_error_and_nothing_is_enqueued(string payload, string expected)
    {
        var line = (await JobsAsync("enqueue", "mail", "--payload", payload, "--database-id", Tenant)).AssertOneLineError(2);

        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(await Admin.ListAsync());
    }

    [Fact]
    public async Task A_missing_payload_file_is_a_usage_error()
    {
        var line = (await JobsAsync("enqueue", "mail", "--payload", "@/nonexistent/payload.json", "--database-id", Tenant)).AssertOneLineError(2);
        Assert.StartsWith("jobs: error: cannot read the payload file '/nonexistent/payload.json'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_database_id_the_schema_needs_one_is_a_usage_error()
    {
        var line = (await JobsAsync("enqueue", "mail")).AssertOneLineError(2);
        Assert.Equal("jobs: error: no database id: pass --database-id <uuid> (app_jobs.jobs.database_id is NOT NULL)", line);
    }

    [Theory]
    [InlineData("--run-at", "2031-01-02T03:04:05Z", "--delay", "5m")]
    [InlineData("--run-at", "tomorrow")]
    [InlineData("--delay", "-5m")]
    [InlineData("--max-attempts", "0")]
    [InlineData("--priority", "high")]
    public async Task Bad_options_are_usage_errors_and_nothing_is_enqueued(params string[] options)
    {
        (await JobsAsync(["enqueue", "mail", "--database-id", Tenant, .. options])).AssertOneLineError(2);
        Assert.Empty(await Admin.ListAsync());
    }

    [Fact]
    public async Task A_task_name_the_schema_cannot_hold_is_a_usage_error()
    {
        var line = (await JobsAsync("enqueue", new string('t', 200), "--database-id", Tenant)).AssertOneLineError(2);
        Assert.StartsWith("jobs: error: The task identifier 'tttt", line, StringComparison.Ordinal);
        Assert.Empty(await Admin.ListAsync());
    }
}
