using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs status</c>: totals, counts per task and queue, locked queues, active workers; text, JSON and --watch.</summary>
public sealed class StatusCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    private async Task SeedAsync()
    {
        await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox" });
        await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox" });
        await EnqueueAsync("mail", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        await EnqueueAsync("resize", new EnqueueOptions { Queue = "images" });
        await TakeAsync("worker-a", "resize");
        var dead = await EnqueueAsync("report");
        await Admin.PermanentlyFailAsync([dead.Id], "gave up");
    }

    [Fact]
    public async Task Prints_totals_counts_per_task_and_queue_the_locked_queue_and_the_active_worker()
    {
        await SeedAsync();

        var lines = (await JobsAsync("status")).AssertReport(0);

        Assert.Matches(@"^2 ready, 1 scheduled, 1 running, 0 retrying, 1 failed; the oldest ready job has waited \d+s$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^TASK\s+READY\s+SCHEDULED\s+RUNNING\s+RETRYING\s+FAILED$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^mail\s+2\s+1\s+0\s+0\s+0$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^report\s+0\s+0\s+0\s+0\s+1$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^outbox\s+2\s+0\s+0\s+0\s+0$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\(no queue\)\s+0\s+1\s+0\s+0\s+1$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^images\s+worker-a\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(\d+s ago\)$"));
        Assert.Equal("active workers: 1: worker-a (1 job)", lines[^1]);
    }

    [Fact]
    public async Task An_empty_schema_says_so()
    {
        var lines = (await JobsAsync("status")).AssertReport(0);

        Assert.Equal(["0 ready, 0 scheduled, 0 running, 0 retrying, 0 failed; no job is waiting", "locked queues: none", "active workers: none"], lines);
    }

    [Fact]
    public async Task Json_is_one_object_with_totals_breakdowns_queues_and_workers()
    {
        await SeedAsync();

        var status = Assert.Single((await JobsAsync("status", "--json")).AssertJsonLines());

        var totals = status.GetProperty("totals");
        Assert.Equal((2, 1, 1, 0, 1), (totals.GetProperty("ready").GetInt32(), totals.GetProperty("scheduled").GetInt32(),
            totals.GetProperty("running").GetInt32(), totals.GetProperty("retrying").GetInt32(), totals.GetProperty("failed").GetInt32()));
        Assert.True(status.GetProperty("oldest_ready_age_seconds").GetDouble() >= 0);
        Assert.Equal(["mail", "report", "resize"], status.GetProperty("by_task").EnumerateArray().Select(t => t.GetProperty("task").GetString()));
        Assert.Equal(["images", "outbox", null], status.GetProperty("by_queue").EnumerateArray().Select(q => q.GetProperty("queue").GetString()));
        var queue = Assert.Single(status.GetProperty("locked_queues").EnumerateArray());
        Assert.Equal(("images", "worker-a"), (queue.GetProperty("queue").GetString(), queue.GetProperty("locked_by").GetString()));
        var worker = Assert.Single(status.GetProperty("active_workers").EnumerateArray());
        Assert.Equal(("worker-a", 1), (worker.GetProperty("worker_id").GetString(), worker.GetProperty("jobs").GetInt32()));
    }

    [Fact]
    public async Task Database_id_scopes_the_counts()
    {
        await SeedAsync();

        var status = Assert.Single((await JobsAsync("status", "--json", "--database-id", OtherDatabaseId.ToString())).AssertJsonLines());

        Assert.Equal(0, status.GetProperty("totals").GetProperty("ready").GetInt32());
        Assert.Empty(status.GetProperty("by_task").EnumerateArray());
    }

    [Fact]
    public async Task Watch_refreshes_until_cancelled_and_ends_with_exit_code_0()
    {
        await EnqueueAsync("mail");
        using var cancellation = new CancellationTokenSource();
        // Cancels once the second report is written: the watch refreshed, and Ctrl+C ends it cleanly.
        using var stdout = new ReportCountingWriter("active workers", 2, cancellation);
        using var stderr = new StringWriter();

        var exitCode = await Cli.RunAsync(["status", "--watch", "--interval", "0.01s", "--connection", Database.ConnectionString],
            stdout, stderr, Connections.Environment(), cancellation.Token);

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr.ToString());
        Assert.Equal(2, stdout.ToString().Split("1 ready,").Length - 1);
        Assert.DoesNotContain("\u001b[", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--database-id", "not-a-uuid")]
    [InlineData("--interval", "soon")]
    [InlineData("--bogus")]
    public async Task Bad_options_are_usage_errors(params string[] args)
    {
        (await JobsAsync(["status", .. args])).AssertOneLineError(2);
    }

    [Fact]
    public async Task Colours_only_on_a_terminal_and_never_with_NO_COLOR()
    {
        await EnqueueAsync("mail");
        var terminal = new CliTerminal("", InputIsTerminal: true, OutputIsTerminal: true);
        string[] args = ["status", "--connection", Database.ConnectionString];

        Assert.Contains("\u001b[", (await CliRun.RunAsync(terminal, Connections.Environment(), args)).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", (await CliRun.RunAsync(terminal, Connections.Environment(("NO_COLOR", "1")), args)).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", (await CliRun.RunAsync(terminal with { OutputIsTerminal = false }, Connections.Environment(), args)).Stdout, StringComparison.Ordinal);
    }
}
