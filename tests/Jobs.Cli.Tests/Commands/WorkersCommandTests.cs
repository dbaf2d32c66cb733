using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs workers</c> and <c>jobs workers unlock</c>: who holds what; freeing only dead workers unless forced.</summary>
public sealed class WorkersCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task Lists_each_worker_with_its_jobs_queues_and_times()
    {
        var queued = await EnqueueAsync("import", new EnqueueOptions { Queue = "imports" });
        await TakeAsync("worker-a", "import");

        var lines = (await JobsAsync("workers")).AssertReport(0);

        Assert.Matches(@"^WORKER\s+JOBS\s+HELD SINCE\s+LAST RENEWED\s+QUEUES$", lines[0]);
        Assert.Matches($@"^worker-a\s+1: {queued.Id}\s+\S+ \S+ \(\d+s ago\)\s+\d+s ago\s+imports$", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Json_lines_one_per_worker()
    {
        var job = await EnqueueAsync("import", new EnqueueOptions { Queue = "imports" });
        await TakeAsync("worker-a", "import");

        var worker = Assert.Single((await JobsAsync("workers", "--json")).AssertJsonLines());

        Assert.Equal("worker-a", worker.GetProperty("worker_id").GetString());
        Assert.Equal([job.Id], worker.GetProperty("job_ids").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(["imports"], worker.GetProperty("queues").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, worker.GetProperty("newest_job_lock").ValueKind);
    }

    [Fact]
    public async Task No_worker_says_so()
    {
        Assert.Equal(["no worker holds a job or a queue"], (await JobsAsync("workers")).AssertReport(0));
    }

    [Fact]
    public async Task Unlock_frees_a_dead_worker_and_leaves_a_live_one_alone()
    {
        var dead = await EnqueueAsync("import", new EnqueueOptions { Queue = "imports" });
        await TakeAsync("dead-worker", "import");
        await AgeLocksAsync("dead-worker");
        var live = await EnqueueAsync("import");
        await TakeAsync("live-worker", "import");

        var lines = (await JobsAsync("workers", "unlock", "dead-worker", "live-worker", "gone-worker", "--older-than", "1h")).AssertReport(0);

        Assert.Equal("unlocked dead-worker: 1 job freed", lines[0]);
        Assert.Matches(@"^left alone live-worker: renewed a lock \d+s ago, so it looks alive; --force if it is gone$", lines[1]);
        Assert.Equal("left alone gone-worker: holds nothing", lines[2]);
        Assert.Null((await Admin.GetAsync(dead.Id))!.LockedBy);
        Assert.Equal("live-worker", (await Admin.GetAsync(live.Id))!.LockedBy);
        Assert.Null(Assert.Single(await Admin.GetQueuesAsync()).LockedBy);
    }

    [Fact]
    public async Task Force_unlocks_a_worker_that_looks_alive()
    {
        var job = await EnqueueAsync("import");
        await TakeAsync("worker-a", "import");

        var report = Assert.Single((await JobsAsync("workers", "unlock", "worker-a", "--force", "--json")).AssertJsonLines());

        Assert.Equal(["worker-a"], report.GetProperty("unlocked").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, report.GetProperty("jobs_freed").GetInt32());
        Assert.Null((await Admin.GetAsync(job.Id))!.LockedBy);
    }

    [Theory]
    [InlineData("workers", "unlock")]
    [InlineData("workers", "unlock", "w", "--older-than", "0s")]
    [InlineData("workers", "--database-id", "x")]
    [InlineData("workers", "lock")]
    public async Task Usage_errors(params string[] args)
    {
        (await JobsAsync(args)).AssertOneLineError(2);
    }
}
