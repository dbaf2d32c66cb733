using Jobs.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>
/// What a job carries is text on every page, never markup or script, and the pages keep to their
/// own Content Security Policy. Every test here also fails on any CSP message in the console, any
/// dialog and any uncaught script error (see <see cref="BrowserTest"/>).
/// </summary>
public sealed class DashboardScriptSafetyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Task = "<script>alert('task')</script>";
    private const string Payload = """{"html":"<script>alert('payload')</script><img src=x onerror=alert(1)>"}""";
    private const string Error = "<script>alert('error')</script><img src=x onerror=alert(2)>";

    [Fact]
    public async Task Script_tags_and_an_img_onerror_in_a_task_a_payload_and_an_error_show_as_text_and_never_run()
    {
        var job = await EnqueueAsync(Task, payload: Payload);
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = '{Error.Replace("'", "''")}' || E'\\n   at Evil.Run()' WHERE id = {job.Id}");
        // Live refresh on: swapped-in markup has to stay text too.
        await StartAppAsync(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        var page = await NewPageAsync();

        await GoToAsync(page, "/jobs/");
        await Expect(page.Locator("table.counts[data-by=task]").GetByText(Task, new() { Exact = true })).ToBeVisibleAsync();
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);
        await AfterOneLiveRefreshAsync(page);
        await Expect(page.Locator("table.counts[data-by=task]").GetByText(Task, new() { Exact = true })).ToBeVisibleAsync();
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);

        await GoToAsync(page, "/jobs/jobs");
        var row = page.Locator($"tr[data-id='{job.Id}']");
        await Expect(row.Locator("td.task")).ToHaveTextAsync(Task);
        await Expect(row.Locator("td.error-line")).ToHaveTextAsync(Error);
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);
        await AfterOneLiveRefreshAsync(page);
        await Expect(row.Locator("td.error-line")).ToHaveTextAsync(Error);
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);

        await GoToAsync(page, $"/jobs/jobs/{job.Id}");
        await Expect(page.Locator("dl.job")).ToContainTextAsync(Task);
        await Expect(page.Locator("pre.payload")).ToHaveTextAsync("""{ "html": "<script>alert('payload')</script><img src=x onerror=alert(1)>" }""");
        await Expect(page.Locator("pre.last-error")).ToContainTextAsync(Error);
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);
        await AfterOneLiveRefreshAsync(page);
        await Expect(page.Locator("pre.last-error")).ToContainTextAsync(Error);
        await AssertOnlyTheDashboardsScriptAndNoImageAsync(page);

        AssertNothingUnwanted();
    }

    [Fact]
    public async Task Every_page_loads_its_stylesheet_and_script_without_a_CSP_violation()
    {
        var job = await EnqueueAsync("send_email", new EnqueueOptions { Queue = "mail" }, """{"to":"ada@example.com"}""");
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = E'Timeout\\n   at Mailer.SendAsync()' WHERE id = {job.Id}");
        await StartAppAsync(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        var page = await NewPageAsync();

        foreach (var (path, status) in new[] { ("/jobs/", 200), ("/jobs/jobs", 200), ("/jobs/jobs?state=retrying&queue=mail", 200), ($"/jobs/jobs/{job.Id}", 200), ("/jobs/jobs/987654321", 404), ("/jobs/jobs?state=stuck", 400) })
        {
            await GoToAsync(page, path, status);
            // The stylesheet applied (the header is a flex row) and the script ran (it refreshed the
            // page; it swaps in only a 200, so a 404 or 400 page stays as it came).
            Assert.Equal("flex", await page.Locator("header").EvaluateAsync<string>("e => getComputedStyle(e).display"));
            if (status == 200)
            {
                await AfterOneLiveRefreshAsync(page);
            }
            Assert.True(CspViolations.Count == 0, $"{path}: " + string.Join('\n', CspViolations));
        }
        AssertNothingUnwanted();
    }

    [Fact]
    public async Task The_watch_on_the_console_does_see_a_CSP_violation()
    {
        // Proof that the check above can fail: inline script, which the dashboard's CSP refuses.
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/");

        // Waited for on the context, whose watch (subscribed first) has then seen it too.
        var message = await page.Context.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.ranInline = true'; document.body.append(s); }"),
            new BrowserContextRunAndWaitForConsoleMessageOptions { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.Ordinal) });

        // Chromium words it "Refused to execute inline script ..." or, lately, "Executing inline script violates ...".
        Assert.Contains("inline script", message.Text);
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.ranInline ?? null"));
        Assert.Contains(CspViolations, v => v.Contains("inline script", StringComparison.Ordinal));
        ForgetCspViolations();
    }

    private static async Task AssertOnlyTheDashboardsScriptAndNoImageAsync(IPage page)
    {
        Assert.Equal(["/jobs/assets/dashboard.js"], await page.Locator("script").EvaluateAllAsync<string[]>("s => s.map(e => e.getAttribute('src'))"));
        await Expect(page.Locator("img")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until live refresh has swapped the page's main element once (marked beforehand; the mark goes with the old content).</summary>
    private static async Task AfterOneLiveRefreshAsync(IPage page)
    {
        await page.Locator("#main > h1").EvaluateAsync("h => h.setAttribute('data-before-refresh', '')");
        await Expect(page.Locator("#main > h1[data-before-refresh]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#main > h1")).ToHaveCountAsync(1);
    }
}
