using Jobs;
using Jobs.Generated;
using Jobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Quickstart.Testing;

/// <summary>The quickstart's handlers against a database of their own per test (JobsTestHarness).</summary>
public sealed class QuickstartJobTests
{
    // The app's own registrations: its handlers (generated) and what they need.
    private static Task<JobsTestHarness> HarnessAsync() => JobsTestHarness.CreateAsync(services => services
        .AddSingleton(new DemoProgress(JobsTestHarness.DatabaseId, expected: int.MaxValue))
        .AddQuickstartJobHandlers());

    [Fact]
    public async Task A_welcome_email_is_enqueued_in_the_mail_queue()
    {
        await using var harness = await HarnessAsync();

        await harness.Client.EnqueueSendWelcomeEmailAsync(new WelcomeEmail("ada@example.com", "Ada"));

        var job = await harness.AssertEnqueuedAsync<WelcomeEmail>(e => e.To == "ada@example.com", new EnqueuedJobFilter { Queue = "mail" });
        Assert.Equal("Ada", job.Payload.Name);
    }

    [Fact]
    public async Task A_webhook_that_fails_once_waits_for_its_retry_then_completes()
    {
        await using var harness = await HarnessAsync();
        var job = await harness.Client.EnqueueCallWebhookAsync(new Webhook("https://example.com/hooks", "user.created"));

        var first = await harness.WorkAsync(job);
        Assert.Equal(JobWorkOutcome.Failed, first.Outcome);
        Assert.Equal(1, first.After!.Attempts);
        Assert.Contains("503 Service Unavailable", first.After.LastError);
        Assert.True(first.After.RunAt > job.RunAt, "the retry waits");

        var second = await harness.WorkAsync(job);
        Assert.Equal(JobWorkOutcome.Completed, second.Outcome);
    }

    [Fact]
    public async Task An_import_drains_with_the_thumbnails_it_enqueues()
    {
        await using var harness = await HarnessAsync();
        await harness.Client.EnqueueImportPhotosAsync(new PhotoImport("photos", 3));

        var run = await harness.DrainAsync();

        Assert.Equal(4, run.Completed);
        Assert.Empty(await harness.GetJobsAsync());
    }

    [Fact]
    public async Task A_delayed_email_runs_once_the_clock_passes_its_time()
    {
        await using var harness = await HarnessAsync();
        await harness.Client.EnqueueSendWelcomeEmailAsync(new WelcomeEmail("grace@example.com", "Grace"), new EnqueueOptions { Delay = TimeSpan.FromMinutes(10) });

        Assert.Empty((await harness.DrainAsync()).Runs);
        await harness.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(1, (await harness.DrainAsync()).Completed);
    }

    [Fact]
    public async Task The_nightly_purge_fires_at_three()
    {
        await using var harness = await HarnessAsync();
        await harness.StartSchedulerAsync();
        var now = harness.Time.GetUtcNow();
        var threeAm = new DateTimeOffset(now.UtcDateTime.Date.AddHours(3), TimeSpan.Zero);
        var next = threeAm > now ? threeAm : threeAm.AddDays(1);

        await harness.AdvanceTimeAsync(next - now + TimeSpan.FromSeconds(1));

        await harness.AssertEnqueuedAsync<PurgeThumbnails>(p => p.OlderThanDays == 30, within: TimeSpan.FromSeconds(30));
    }
}

/// <summary>The same handlers with no database at all.</summary>
public sealed class QuickstartHandlerUnitTests
{
    [Fact]
    public async Task A_thumbnail_handler_reports_its_work()
    {
        var run = Guid.NewGuid();
        var progress = new DemoProgress(run, expected: 1);
        var context = JobContext.ForTest(new JobRow { Id = 1, DatabaseId = run, TaskIdentifier = "make_thumbnail", Attempts = 1, MaxAttempts = 25 });

        await new MakeThumbnailHandler(progress).HandleAsync(new Thumbnail("a.jpg", 320, ["webp"]), context, CancellationToken.None);

        Assert.True(progress.AllDone.IsCompleted);
    }

    [Fact]
    public async Task An_import_enqueues_a_thumbnail_per_photo()
    {
        var jobs = new RecordingJobEnqueuer(new QuickstartJobDispatcher());
        var handler = new ImportPhotosHandler(jobs, new DemoProgress(Guid.NewGuid(), expected: 1));

        await handler.HandleAsync(new PhotoImport("trip", 2), JobContext.ForTest(new JobRow { Id = 1, DatabaseId = Guid.NewGuid(), TaskIdentifier = "import_photos" }), CancellationToken.None);

        Assert.Equal(["trip/1.jpg", "trip/2.jpg"], jobs.AssertEnqueuedCount<Thumbnail>(2).Select(j => j.Payload.Path));
    }
}
