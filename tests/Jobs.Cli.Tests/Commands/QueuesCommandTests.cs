using Jobs.Cli.Tests.Infrastructure;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs queues list | pause | resume</c>.</summary>
public sealed class QueuesCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task Pause_keeps_get_job_off_the_queue_until_resume_and_list_shows_it()
    {
        var job = await EnqueueAsync("import", new EnqueueOptions { Queue = "imports" });
        await EnqueueAsync("mail", new EnqueueOptions { Queue = "mail" });

        Assert.Equal("paused queue 'imports'", (await JobsAsync("queues", "pause", "imports")).AssertOneLineSuccess());
        Assert.Equal("queue 'imports' was already paused; nothing changed", (await JobsAsync("queues", "pause", "imports")).AssertOneLineSuccess());
        await TakeAsync("worker-a", "import");
        Assert.Null((await Admin.GetAsync(job.Id))!.LockedBy);

        var lines = (await JobsAsync("queues", "list")).AssertReport(0);
        Assert.Matches(@"^QUEUE\s+JOBS\s+STATE\s+HELD BY\s+SINCE$", lines[0]);
        Assert.Matches(@"^imports\s+1\s+paused\s+-\s+-$", lines[1]);
        Assert.Matches(@"^mail\s+1\s+free\s+-\s+-$", lines[2]);
        var json = (await JobsAsync("queues", "list", "--json")).AssertJsonLines();
        Assert.True(json[0].GetProperty("paused").GetBoolean());

        Assert.Equal("resumed queue 'imports'", (await JobsAsync("queues", "resume", "imports")).AssertOneLineSuccess());
        await TakeAsync("worker-a", "import");
        Assert.Equal("worker-a", (await Admin.GetAsync(job.Id))!.LockedBy);
        Assert.Equal("queue 'imports' is not paused; nothing changed", (await JobsAsync("queues", "resume", "imports")).AssertOneLineSuccess());
    }

    [Fact]
    public async Task Resuming_an_unknown_queue_and_a_name_no_queue_can_have_are_one_line_errors()
    {
        Assert.Contains("no queue 'nowhere'", (await JobsAsync("queues", "resume", "nowhere")).AssertOneLineError(1));
        Assert.Contains("NUL", (await JobsAsync("queues", "pause", "bad\0name")).AssertOneLineError(2));
    }
}
