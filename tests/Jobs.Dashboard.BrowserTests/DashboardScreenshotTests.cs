using System.Runtime.CompilerServices;
using Jobs.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>
/// Full-page screenshots of every page (overview, job list, a job, queues, schedules, history, enqueue) over a realistic queue.
/// They go to $JOBS_SCREENSHOTS, or TestResults/screenshots beside the test assembly; with
/// JOBS_UPDATE_DOCS_IMAGES=1 the overview and the list also replace docs/images/dashboard-*.png,
/// the README's pictures.
/// </summary>
public sealed class DashboardScreenshotTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task Screenshots_of_every_page()
    {
        var invoice = await SeedAsync();
        await StartAppAsync();
        // 1440 px wide: at 1280 the list is wider than the window (the last error's 40rem cell), and
        // its run-at column wraps onto three lines.
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var folder = Environment.GetEnvironmentVariable("JOBS_SCREENSHOTS") is { Length: > 0 } named
            ? Path.GetFullPath(named)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);

        await GoToAsync(page, "/jobs/");
        await Expect(page.Locator("table.workers")).ToBeVisibleAsync();
        var overview = await ShootAsync(page, folder, "dashboard-overview.png");

        await GoToAsync(page, "/jobs/jobs");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(23);
        var list = await ShootAsync(page, folder, "dashboard-jobs.png");

        await GoToAsync(page, $"/jobs/jobs/{invoice.Id}");
        await Expect(page.Locator("pre.last-error")).ToBeVisibleAsync();
        await ShootAsync(page, folder, "dashboard-job.png");

        foreach (var (path, name) in new[] { ("/jobs/queues", "dashboard-queues.png"), ("/jobs/schedules", "dashboard-schedules.png"), ("/jobs/history", "dashboard-history.png"), ("/jobs/enqueue", "dashboard-enqueue.png") })
        {
            await GoToAsync(page, path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await ShootAsync(page, folder, name);
        }

        Output.WriteLine($"Screenshots: {folder}");
        if (Environment.GetEnvironmentVariable("JOBS_UPDATE_DOCS_IMAGES") == "1")
        {
            var images = Path.Combine(RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(overview, Path.Combine(images, "dashboard-overview.png"), overwrite: true);
            File.Copy(list, Path.Combine(images, "dashboard-jobs.png"), overwrite: true);
            Output.WriteLine($"Copied the overview and the list to {images}");
        }
        AssertNothingUnwanted();
    }

    private static async Task<string> ShootAsync(IPage page, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        Assert.True(png.Length > 10_000, $"{name}: {png.Length} bytes, hardly a page");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        return path;
    }

    /// <summary>
    /// A small shop's queue: mail, images, billing, webhooks and a CRM sync; some ready, some later,
    /// two workers holding jobs (one a named queue), retries with their errors, one given up.
    /// </summary>
    private async Task<JobRow> SeedAsync()
    {
        for (var i = 1; i <= 5; i++)
        {
            await EnqueueAsync("send_welcome_email", payload: $$"""{"userId":{{1040 + i}},"template":"welcome-v3","locale":"en-GB"}""");
        }
        await EnqueueAsync("send_welcome_email", new EnqueueOptions { Delay = TimeSpan.FromHours(20) }, """{"userId":1046,"template":"day-one-tips"}""");
        for (var i = 1; i <= 4; i++)
        {
            await EnqueueAsync("resize_image", new EnqueueOptions { Queue = "images" }, $$"""{"blob":"uploads/2026/12/IMG_{{4810 + i}}.jpg","sizes":[320,960,1920]}""");
        }
        var invoice = await EnqueueAsync("generate_invoice", new EnqueueOptions { Queue = "billing", Key = "invoice-2026-11-acme", Priority = 1 },
            """{"customer":"acme-gmbh","period":"2026-11","lines":[{"sku":"PRO-SEAT","quantity":14,"unitPrice":"19.00"},{"sku":"STORAGE-100G","quantity":2,"unitPrice":"4.50"}],"currency":"EUR"}""");
        await EnqueueAsync("generate_invoice", new EnqueueOptions { Queue = "billing", Key = "invoice-2026-11-globex" }, """{"customer":"globex","period":"2026-11","currency":"USD"}""");
        await EnqueueAsync("generate_invoice", new EnqueueOptions { Queue = "billing", RunAt = DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(2) }, """{"customer":"initech","period":"2026-12"}""");
        for (var i = 1; i <= 4; i++)
        {
            await EnqueueAsync("deliver_webhook", new EnqueueOptions { Queue = "webhooks" }, $$"""{"endpoint":"https://hooks.example.com/orders","event":"order.paid","orderId":"ord_{{7720 + i}}"}""");
        }
        var webhook = await EnqueueAsync("deliver_webhook", new EnqueueOptions { Queue = "webhooks" }, """{"endpoint":"https://partner.example.org/notify","event":"order.shipped","orderId":"ord_7719"}""");
        for (var i = 1; i <= 3; i++)
        {
            await EnqueueAsync("sync_crm_contact", payload: $$"""{"contactId":"c_{{310 + i}}","fields":["email","plan"]}""");
        }
        var crm = await EnqueueAsync("sync_crm_contact", new EnqueueOptions { MaxAttempts = 5 }, """{"contactId":"c_309","fields":["email","plan","seats"]}""");
        await EnqueueAsync("nightly_report", new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(3) }, """{"report":"revenue-daily","recipients":["finance@example.com"]}""");

        // Waiting a while, as a queue does.
        await ExecuteAsync("UPDATE app_jobs.jobs SET run_at = run_at - interval '4 minutes', created_at = created_at - interval '4 minutes' WHERE run_at <= now()");
        // Two workers at work; the images queue is held while its job runs.
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'worker-7f3a', task_identifiers => ARRAY['resize_image'])");
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'worker-7f3a', task_identifiers => ARRAY['send_welcome_email'])");
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'worker-c21e', task_identifiers => ARRAY['sync_crm_contact'])");
        // Retrying, with the errors that got them there; one given up.
        await ExecuteAsync($"""
            UPDATE app_jobs.jobs SET attempts = 3, run_at = now() + interval '2 minutes 40 seconds',
              last_error = E'Npgsql.PostgresException (0x80004005): 40001: could not serialize access due to concurrent update\n   at Billing.InvoiceWriter.SaveAsync(Invoice invoice, CancellationToken ct) in /src/Billing/InvoiceWriter.cs:line 88\n   at Billing.GenerateInvoiceHandler.HandleAsync(GenerateInvoice job, JobContext context) in /src/Billing/GenerateInvoiceHandler.cs:line 41\n   at Jobs.Runtime.JobDispatcher.RunAsync(JobRow job)'
            WHERE id = {invoice.Id}
            """);
        await ExecuteAsync($"""
            UPDATE app_jobs.jobs SET attempts = 6, run_at = now() + interval '11 minutes',
              last_error = E'System.Net.Http.HttpRequestException: Response status code does not indicate success: 502 (Bad Gateway).\n   at Webhooks.Deliverer.PostAsync(Uri endpoint, WebhookEvent e)'
            WHERE id = {webhook.Id}
            """);
        await ExecuteAsync($"""
            UPDATE app_jobs.jobs SET attempts = 5,
              last_error = E'Crm.ApiException: 422 Unprocessable Entity: field "seats" is read-only for plan "starter"\n   at Crm.Client.PatchContactAsync(String id, ContactPatch patch)'
            WHERE id = {crm.Id}
            """);
        await ExecuteAsync($"SELECT app_jobs.add_scheduled_job(db_id => '{DatabaseId}', identifier => 'nightly_report', schedule_info => '{{\"rule\": \"0 2 * * *\"}}'::json, job_key => 'nightly')");
        await ExecuteAsync($"SELECT app_jobs.add_scheduled_job(db_id => '{DatabaseId}', identifier => 'sync_crm', schedule_info => '{{\"rule\": \"*/15 * * * *\"}}'::json, job_key => 'crm-sync')");

        // The history, with an hour of completions: a busy start, a lull, the morning's mail.
        await new Jobs.Schema.HistoryInstaller(Database.DataSource).InstallAsync();
        await ExecuteAsync($$"""
            INSERT INTO app_jobs_history.completed_jobs (id, database_id, queue_name, task_identifier, payload, priority, attempts, max_attempts, created_at, run_at, completed_at, worker_id)
            SELECT 9000 + n, '{{DatabaseId}}', CASE WHEN n % 5 = 0 THEN 'webhooks' END,
                   (ARRAY['send_welcome_email', 'resize_image', 'deliver_webhook', 'sync_crm_contact'])[1 + n % 4], '{"seeded":true}', 0,
                   1 + (n % 7 = 0)::int, 25, t - interval '3 seconds', t - interval '3 seconds', t, (ARRAY['worker-7f3a', 'worker-c21e'])[1 + n % 2]
              FROM generate_series(1, 400) AS n,
                   LATERAL (SELECT now() - (((n * 7919) % 3600) * CASE WHEN n % 3 = 0 THEN 0.4 ELSE 1 END) * interval '1 second' AS t) AS at
            """);
        return invoice;
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}
