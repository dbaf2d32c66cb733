using System.Globalization;
using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs list</c>: filters, keyset paging, the table and JSON lines.</summary>
public sealed class ListCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    private static string Id(JobRow job) => job.Id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_table_lists_jobs_newest_first_with_their_state()
    {
        var ready = await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox" });
        var running = await EnqueueAsync("resize");
        await TakeAsync("worker-a", "resize");

        var lines = (await JobsAsync("list")).AssertReport(0);

        Assert.Matches(@"^ID\s+TASK\s+QUEUE\s+STATE\s+ATTEMPTS\s+PRIORITY\s+RUN AT\s+LOCKED BY$", lines[0]);
        Assert.Matches($@"^{Id(running)}\s+resize\s+-\s+running\s+1/25\s+0\s+\S+ \S+\s+worker-a \(\d+s ago\)$", lines[1]);
        Assert.Matches($@"^{Id(ready)}\s+mail\s+outbox\s+ready\s+0/25\s+0\s+\S+ \S+\s+-$", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Json_lines_hold_every_column_and_the_payload_as_json()
    {
        var job = await EnqueueAsync("mail", new EnqueueOptions { Key = "mail:1", Priority = 3 }, """{"to":"ada@example.com"}""");

        var row = Assert.Single((await JobsAsync("list", "--json")).AssertJsonLines());

        Assert.Equal(job.Id, row.GetProperty("id").GetInt64());
        Assert.Equal(DatabaseId, row.GetProperty("database_id").GetGuid());
        Assert.Equal("mail", row.GetProperty("task_identifier").GetString());
        Assert.Equal("ready", row.GetProperty("state").GetString());
        Assert.Equal("ada@example.com", row.GetProperty("payload").GetProperty("to").GetString());
        Assert.Equal((3, 0, 25), (row.GetProperty("priority").GetInt32(), row.GetProperty("attempts").GetInt32(), row.GetProperty("max_attempts").GetInt32()));
        Assert.Equal("mail:1", row.GetProperty("key").GetString());
        foreach (var name in new[] { "queue_name", "last_error", "locked_at", "locked_by" })
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty(name).ValueKind);
        }
        Assert.Equal(job.RunAt, row.GetProperty("run_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Filters_by_task_queue_state_key_and_database()
    {
        var mail = await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox", Key = "k1" });
        var resize = await EnqueueAsync("resize");
        var failed = await EnqueueAsync("mail");
        await Admin.PermanentlyFailAsync([failed.Id]);

        async Task<long[]> IdsAsync(params string[] args) =>
            (await JobsAsync(["list", "--json", .. args])).AssertJsonLines().Select(j => j.GetProperty("id").GetInt64()).ToArray();

        Assert.Equal([failed.Id, mail.Id], await IdsAsync("--task", "mail"));
        Assert.Equal([mail.Id], await IdsAsync("--queue", "outbox"));
        Assert.Equal([failed.Id], await IdsAsync("--state", "failed"));
        Assert.Equal([resize.Id, mail.Id], await IdsAsync("--state", "ready"));
        Assert.Equal([mail.Id], await IdsAsync("--key", "k1"));
        Assert.Empty(await IdsAsync("--key", "k1", "--state", "failed"));
        Assert.Empty(await IdsAsync("--database-id", OtherDatabaseId.ToString()));
        Assert.Equal(3, (await IdsAsync("--database-id", DatabaseId.ToString())).Length);
    }

    [Fact]
    public async Task Filters_by_text_in_the_payload_or_the_last_error_ignoring_case_also_with_a_key()
    {
        var ada = await EnqueueAsync("mail", new EnqueueOptions { Key = "k-ada" }, payload: """{"to":"Ada@example.com"}""");
        var failed = await EnqueueAsync("mail");
        await Admin.PermanentlyFailAsync([failed.Id], "mailbox ADA is full");
        await EnqueueAsync("mail", payload: """{"to":"alan@example.com"}""");

        async Task<long[]> IdsAsync(params string[] args) =>
            (await JobsAsync(["list", "--json", .. args])).AssertJsonLines().Select(j => j.GetProperty("id").GetInt64()).ToArray();

        Assert.Equal([failed.Id, ada.Id], await IdsAsync("--text", "ada"));
        Assert.Equal([ada.Id], await IdsAsync("--text", "ADA@", "--key", "k-ada"));
        Assert.Empty(await IdsAsync("--text", "grace", "--key", "k-ada"));
    }

    [Fact]
    public async Task Pages_continue_after_the_last_id_shown()
    {
        var jobs = new List<JobRow>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await EnqueueAsync("mail"));
        }

        var first = (await JobsAsync("list", "--limit", "2")).AssertReport(0);
        Assert.Equal($"2 shown; the next page: --after {Id(jobs[3])}", first[^1]);

        var second = (await JobsAsync("list", "--json", "--limit", "2", "--after", Id(jobs[3]))).AssertJsonLines();
        Assert.Equal([jobs[2].Id, jobs[1].Id], second.Select(j => j.GetProperty("id").GetInt64()));
        var last = (await JobsAsync("list", "--json", "--limit", "2", "--after", Id(jobs[1]))).AssertJsonLines();
        Assert.Equal([jobs[0].Id], last.Select(j => j.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Every_command_follows_schema()
    {
        (await JobsAsync("migrate", "--schema", "billing_jobs")).AssertOneLineSuccess();
        await EnqueueAsync("in_app_jobs");

        var row = Assert.Single((await JobsAsync("enqueue", "in_billing", "--schema", "billing_jobs", "--database-id", DatabaseId.ToString(), "--json")).AssertJsonLines());
        var listed = Assert.Single((await JobsAsync("list", "--schema", "billing_jobs", "--json")).AssertJsonLines());
        var status = Assert.Single((await JobsAsync("status", "--schema", "billing_jobs", "--json")).AssertJsonLines());

        Assert.Equal(row.GetProperty("id").GetInt64(), listed.GetProperty("id").GetInt64());
        Assert.Equal("in_billing", listed.GetProperty("task_identifier").GetString());
        Assert.Equal(["in_billing"], status.GetProperty("by_task").EnumerateArray().Select(t => t.GetProperty("task").GetString()));
        (await JobsAsync("delete", row.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), "--schema", "billing_jobs")).AssertOneLineSuccess();
        Assert.Empty((await JobsAsync("list", "--schema", "billing_jobs", "--json")).AssertJsonLines());
        Assert.Single(await Admin.ListAsync());
    }

    [Fact]
    public async Task No_match_says_so_in_the_table_and_prints_nothing_as_json()
    {
        Assert.Equal(["no jobs match"], (await JobsAsync("list")).AssertReport(0));
        Assert.Empty((await JobsAsync("list", "--json")).AssertJsonLines());
    }

    [Theory]
    [InlineData("--state", "stuck")]
    [InlineData("--state", "Ready")]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "many")]
    [InlineData("--after", "-3")]
    [InlineData("--database-id", "42")]
    [InlineData("--task", "")]
    public async Task A_bad_filter_is_a_usage_error_naming_it(string option, string value)
    {
        var line = (await JobsAsync("list", option, value)).AssertOneLineError(2);
        Assert.Contains(option, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_state_lists_the_states()
    {
        var line = (await JobsAsync("list", "--state", "stuck")).AssertOneLineError(2);
        Assert.Equal("jobs: error: 'stuck' is not valid for '--state': use ready, scheduled, running, retrying or failed; run 'jobs list --help' for usage", line);
    }
}
