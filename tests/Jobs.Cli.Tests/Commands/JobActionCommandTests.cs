using System.Globalization;
using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary>
/// <c>jobs retry | fail | delete | reschedule | unlock</c>: by ids or filter, --dry-run, the
/// confirmation (prompted on a terminal, refused without one), running jobs left alone, JSON.
/// </summary>
public sealed class JobActionCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    private static string Id(JobRow job) => job.Id.ToString(CultureInfo.InvariantCulture);

    private async Task<JobRow[]> FailedMailAsync(int count)
    {
        var jobs = new JobRow[count];
        for (var i = 0; i < count; i++)
        {
            jobs[i] = await EnqueueAsync("mail");
        }
        await Admin.PermanentlyFailAsync(jobs.Select(j => j.Id).ToArray(), "boom");
        return jobs;
    }

    private async Task<JobState> StateAsync(JobRow job) => (await Admin.GetAsync(job.Id))!.State;

    [Fact]
    public async Task Retry_by_id_changes_one_job_without_asking()
    {
        var job = (await FailedMailAsync(1))[0];

        var line = (await JobsAsync("retry", Id(job))).AssertOneLineSuccess();

        Assert.Equal($"retried 1 job: {job.Id}", line);
        var retried = (await Admin.GetAsync(job.Id))!;
        Assert.Equal((JobState.Ready, 0), (retried.State, retried.Attempts)); // a fresh set of attempts: ready, its last error kept for the record
    }

    [Fact]
    public async Task Retry_by_filter_with_yes_reports_the_running_job_left_alone()
    {
        var failed = await FailedMailAsync(2);
        var running = await EnqueueAsync("mail");
        await TakeAsync("worker-a", "mail");

        var lines = (await JobsAsync("retry", "--task", "mail", "--yes")).AssertReport(0);

        Assert.Equal([$"retried 2 jobs: {failed[1].Id}, {failed[0].Id}", $"left alone 1 job (running): {running.Id}"], lines);
        Assert.Equal(JobState.Running, await StateAsync(running));
        Assert.Equal(0, (await Admin.GetAsync(failed[0].Id))!.Attempts);
    }

    [Fact]
    public async Task Delete_by_text_changes_only_the_jobs_whose_payload_or_error_holds_it()
    {
        var ada = await EnqueueAsync("mail", payload: """{"to":"ADA@example.com"}""");
        var bob = await EnqueueAsync("mail", payload: """{"to":"bob@example.com"}""");
        var failed = (await FailedMailAsync(1))[0];
        await Admin.PermanentlyFailAsync([failed.Id], "smtp said ada@example.com is unknown");

        var lines = (await JobsAsync("delete", "--text", "ada@example", "--yes")).AssertReport(0);

        Assert.Equal([$"deleted 2 jobs: {failed.Id}, {ada.Id}"], lines);
        Assert.NotNull(await Admin.GetAsync(bob.Id));
        Assert.Null(await Admin.GetAsync(ada.Id));
    }

    [Fact]
    public async Task More_than_one_job_without_yes_and_no_terminal_is_refused_and_nothing_changes()
    {
        var failed = await FailedMailAsync(2);

        var line = (await JobsAsync("delete", "--state", "failed")).AssertOneLineError(2);

        Assert.Equal("jobs: error: delete 2 jobs: pass --yes to confirm (stdin is not a terminal, so there is no one to ask)", line);
        Assert.Equal(2, (await Admin.ListAsync()).Count);
        Assert.Equal(JobState.PermanentlyFailed, await StateAsync(failed[0]));
    }

    [Fact]
    public async Task On_a_terminal_yes_confirms()
    {
        await FailedMailAsync(2);

        var run = await JobsOnTerminalAsync("y\n", "delete", "--state", "failed");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("delete 2 jobs? [y/N] ", run.Stderr);
        Assert.StartsWith("deleted 2 jobs: ", Assert.Single(run.OutLines), StringComparison.Ordinal);
        Assert.Empty(await Admin.ListAsync());
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("\n")]
    [InlineData("")]
    public async Task On_a_terminal_anything_but_yes_changes_nothing(string answer)
    {
        await FailedMailAsync(2);

        var run = await JobsOnTerminalAsync(answer, "delete", "--state", "failed");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.EndsWith("jobs: error: not confirmed; nothing was changed\n", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(2, (await Admin.ListAsync()).Count);
    }

    [Fact]
    public async Task Dry_run_prints_the_count_and_changes_nothing()
    {
        var failed = await FailedMailAsync(3);
        var running = await EnqueueAsync("mail");
        await TakeAsync("worker-a", "mail");

        var lines = (await JobsAsync("fail", "--task", "mail", "--dry-run")).AssertReport(0);
        var report = Assert.Single((await JobsAsync("fail", "--task", "mail", "--dry-run", "--json")).AssertJsonLines());

        Assert.Equal([$"would fail 3 jobs: {failed[2].Id}, {failed[1].Id}, {failed[0].Id}", $"would leave alone 1 job (running): {running.Id}"], lines);
        Assert.Equal(("fail", true, 3), (report.GetProperty("action").GetString(), report.GetProperty("dry_run").GetBoolean(), report.GetProperty("count").GetInt32()));
        Assert.Equal([running.Id], report.GetProperty("left_alone").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal("boom", (await Admin.GetAsync(failed[0].Id))!.LastError);
    }

    [Fact]
    public async Task Fail_records_the_reason_and_json_reports_what_changed()
    {
        var job = await EnqueueAsync("mail");

        var report = Assert.Single((await JobsAsync("fail", Id(job), "--reason", "customer gone", "--json")).AssertJsonLines());

        Assert.Equal([job.Id], report.GetProperty("changed").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Empty(report.GetProperty("not_found").EnumerateArray());
        var failed = (await Admin.GetAsync(job.Id))!;
        Assert.Equal((JobState.PermanentlyFailed, "customer gone"), (failed.State, failed.LastError));
    }

    [Fact]
    public async Task Reschedule_changes_only_the_fields_given()
    {
        var job = await EnqueueAsync("mail", new EnqueueOptions { Priority = 1 });

        (await JobsAsync("reschedule", Id(job), "--priority", "9", "--run-at", "2031-01-02T03:04:05Z")).AssertOneLineSuccess();

        var moved = (await Admin.GetAsync(job.Id))!;
        Assert.Equal((9, new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero), 25), (moved.Priority, moved.RunAt, moved.MaxAttempts));
    }

    [Fact]
    public async Task Reschedule_with_nothing_to_change_is_a_usage_error()
    {
        var job = await EnqueueAsync("mail");
        var line = (await JobsAsync("reschedule", Id(job))).AssertOneLineError(2);
        Assert.Contains("nothing to change", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_frees_only_stale_locks()
    {
        var stale = await EnqueueAsync("import", new EnqueueOptions { Queue = "imports" });
        await TakeAsync("dead-worker", "import");
        await AgeLocksAsync("dead-worker");
        var live = await EnqueueAsync("import");
        await TakeAsync("live-worker", "import");

        var lines = (await JobsAsync("unlock", "--task", "import", "--older-than", "1h", "--yes")).AssertReport(0);

        Assert.Equal($"unlocked 1 job: {stale.Id}", lines[0]);
        Assert.Matches($@"^left alone 1 job \(lock only \d+s old\): {live.Id}$", lines[1]);
        Assert.Equal(JobState.Ready, await StateAsync(stale));
        Assert.Equal(JobState.Running, await StateAsync(live));
        Assert.Null(Assert.Single(await Admin.GetQueuesAsync()).LockedBy);
    }

    [Fact]
    public async Task Missing_ids_are_reported_with_exit_code_1_after_the_others_are_done()
    {
        var job = await EnqueueAsync("mail");

        var run = await JobsAsync("delete", Id(job), "999", "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"deleted 1 job: {job.Id}", "not found: 999"], run.OutLines);
        Assert.Empty(await Admin.ListAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Many_jobs_change_in_batches_with_a_progress_bar_on_stderr_only_when_it_is_a_terminal(bool stderrIsTerminal)
    {
        var count = Jobs.Cli.Commands.Actions.JobActionCommand.BatchSize + 200;
        var jobs = await Client.EnqueueManyAsync(Enumerable.Range(0, count).Select(_ => new JobRequest("bulk", "{}"u8.ToArray())));
        await Admin.PermanentlyFailAsync(jobs.Select(j => j.Id).ToArray());
        var terminal = new CliTerminal("", InputIsTerminal: false, OutputIsTerminal: false, ErrorIsTerminal: stderrIsTerminal);

        var run = await CliRun.RunAsync(terminal, Connections.Environment(), "retry", "--task", "bulk", "--yes", "--json", "--connection", Database.ConnectionString);

        Assert.Equal(0, run.ExitCode);
        var report = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(count, report.GetProperty("count").GetInt32());
        Assert.All(await Admin.ListAsync(new JobListFilter { Limit = count }), j => Assert.Equal(0, j.Attempts));
        if (stderrIsTerminal)
        {
            Assert.Contains($"] {Jobs.Cli.Commands.Actions.JobActionCommand.BatchSize}/{count}", run.Stderr, StringComparison.Ordinal);
            Assert.Contains($"] {count}/{count}", run.Stderr, StringComparison.Ordinal);
            Assert.EndsWith("\r\u001b[2K", run.Stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("", run.Stderr);
        }
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("retry", "1", "--task", "mail")]
    [InlineData("retry", "--state", "stuck")]
    [InlineData("retry", "abc")]
    [InlineData("unlock", "--state", "ready")]
    [InlineData("unlock", "1", "--older-than", "soon")]
    [InlineData("reschedule", "1", "--run-at", "2031-01-02T03:04:05Z", "--delay", "1m")]
    public async Task Bad_selections_and_options_are_usage_errors(params string[] args)
    {
        (await JobsAsync(args)).AssertOneLineError(2);
    }
}
