using System.Collections.Concurrent;
using Jobs.Dashboard.BrowserTests.Infrastructure;
using Jobs.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>Pausing a queue from the browser while a real worker drains the database, and running a schedule now.</summary>
public sealed class DashboardQueuePauseTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task A_queue_paused_in_the_browser_is_skipped_by_a_running_worker_until_resumed()
    {
        var held = new[] { await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox" }), await EnqueueAsync("mail", new EnqueueOptions { Queue = "outbox" }) };
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/queues");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause outbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Queue 'outbox' paused.");
        await Expect(page.Locator("tr[data-queue='outbox'] .state")).ToHaveTextAsync("paused");

        // A worker (poll every minute: only NOTIFY wakes it) runs every other job as it comes.
        var ran = new ConcurrentQueue<long>();
        var dispatcher = new RecordingDispatcher(ran, "mail", "report");
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var worker = new JobsWorker(dataSource, [dispatcher], new JobsWorkerOptions { PollInterval = TimeSpan.FromMinutes(1) });
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        var other = await EnqueueAsync("report");
        var unqueued = await EnqueueAsync("mail");
        await Eventually.TrueAsync(() => Task.FromResult(ran.Contains(other.Id) && ran.Contains(unqueued.Id)), "the jobs outside the paused queue to run");
        await Expect(page.Locator("tr[data-queue='outbox'] td").First).ToHaveTextAsync("2");
        Assert.DoesNotContain(ran, id => held.Any(job => job.Id == id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume outbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Queue 'outbox' resumed.");
        await Eventually.TrueAsync(() => Task.FromResult(held.All(job => ran.Contains(job.Id))), "the resumed queue's jobs to run");

        await stop.CancelAsync();
        await run;
        AssertNothingUnwanted();
    }

    [Fact]
    public async Task Running_a_schedule_now_from_the_browser_queues_its_job()
    {
        await ExecuteAsync($"SELECT app_jobs.add_scheduled_job(db_id => '{DatabaseId}', identifier => 'nightly_report', schedule_info => '{{\"rule\": \"0 2 * * *\"}}'::json, job_key => 'nightly')");
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/schedules");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Run schedule \\d+ now$") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ran now: its job is queued.");
        await Expect(page.Locator("tr[data-schedule] a", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^job \\d+$") })).ToBeVisibleAsync();
        await GoToAsync(page, "/jobs/jobs?task=nightly_report");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(1);
        AssertNothingUnwanted();
    }

    /// <summary>Records the id of every job it runs.</summary>
    private sealed class RecordingDispatcher(ConcurrentQueue<long> ran, params string[] tasks) : IJobDispatcher
    {
        public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = tasks.Select(task => new JobTaskDescriptor(task)).ToArray();

        public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
        {
            ran.Enqueue(context.Id);
            return ValueTask.CompletedTask;
        }
    }
}
