using System.Globalization;
using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs show &lt;id&gt;</c>: every column, the payload indented, the last error; JSON; not found.</summary>
public sealed class ShowCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task Shows_the_row_the_payload_indented_and_the_last_error()
    {
        var job = await EnqueueAsync("mail", new EnqueueOptions { Key = "mail:7", Queue = "outbox" }, """{"to":"ada@example.com","tries":[1,2]}""");
        await Admin.PermanentlyFailAsync([job.Id], "mailbox full");

        var run = await JobsAsync("show", job.Id.ToString(CultureInfo.InvariantCulture));

        var lines = run.AssertReport(0);
        Assert.Equal($"job {job.Id}", lines[0]);
        Assert.Contains("task        mail", lines);
        Assert.Contains("state       failed", lines);
        Assert.Contains("queue       outbox", lines);
        Assert.Contains($"database    {DatabaseId}", lines);
        Assert.Contains("attempts    25 of 25", lines);
        Assert.Contains("key         mail:7", lines);
        Assert.Contains("  \"to\": \"ada@example.com\",", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["last error:", "mailbox full"], lines[^2..]);
    }

    [Fact]
    public async Task Json_is_the_whole_row()
    {
        var job = await EnqueueAsync("mail", payload: """{"n":1}""");

        var row = Assert.Single((await JobsAsync("show", job.Id.ToString(CultureInfo.InvariantCulture), "--json")).AssertJsonLines());

        Assert.Equal((job.Id, "mail", 1), (row.GetProperty("id").GetInt64(), row.GetProperty("task_identifier").GetString(), row.GetProperty("payload").GetProperty("n").GetInt32()));
        Assert.True(row.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task A_missing_job_is_a_runtime_error()
    {
        var line = (await JobsAsync("show", "999")).AssertOneLineError(1);
        Assert.Equal("jobs: error: no job 999 in schema app_jobs", line);
    }

    [Fact]
    public async Task Another_databases_job_is_not_found_when_scoped()
    {
        var job = await EnqueueAsync("mail");
        (await JobsAsync("show", job.Id.ToString(CultureInfo.InvariantCulture), "--database-id", OtherDatabaseId.ToString())).AssertOneLineError(1);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_bad_id_is_a_usage_error(string id)
    {
        (await JobsAsync("show", id)).AssertOneLineError(2);
    }

    [Fact]
    public async Task No_id_is_a_usage_error()
    {
        (await JobsAsync("show")).AssertOneLineError(2);
    }
}
