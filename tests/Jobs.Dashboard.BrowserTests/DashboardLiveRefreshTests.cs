using Jobs.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>Live refresh (Assets/dashboard.js): a visible page follows the queue without a reload; a hidden one asks for nothing.</summary>
public sealed class DashboardLiveRefreshTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    /// <summary>
    /// Headless Chromium's page is always visible, and CDP has no switch that hides it and keeps its
    /// timers running, so the page's visibility is played by this script (before the dashboard's
    /// own): document.visibilityState and document.hidden answer what window.setHidden last said,
    /// which also fires visibilitychange. It counts the page's fetches, started and settled, and
    /// the ticks of setInterval, so "nothing was asked for during 5 ticks" needs no clock.
    /// </summary>
    private const string VisibilityScript = """
        (() => {
          let hidden = false;
          Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return hidden ? 'hidden' : 'visible'; } });
          Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return hidden; } });
          window.setHidden = value => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
          window.fetchesStarted = 0;
          window.fetchesSettled = 0;
          const fetch = window.fetch;
          window.fetch = function () {
            window.fetchesStarted++;
            return fetch.apply(this, arguments).finally(() => { window.fetchesSettled++; });
          };
          window.ticks = 0;
          const setInterval = window.setInterval;
          window.setInterval = function (callback, ms) {
            return setInterval.call(window, function () { try { callback(); } finally { window.ticks++; } }, ms);
          };
        })();
        """;

    [Fact]
    public async Task A_visible_list_shows_a_newly_enqueued_job_without_a_reload()
    {
        var first = await EnqueueAsync("send_email");
        await StartAppAsync(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        var page = await NewPageAsync();
        var navigations = 0;
        await GoToAsync(page, "/jobs/jobs?task=send_email");
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(1);

        var second = await EnqueueAsync("send_email");
        await EnqueueAsync("resize_image");

        await Expect(page.Locator($"tr[data-id='{second.Id}']")).ToBeVisibleAsync();
        // Newest first, the filter still applied (the refresh fetched this very URL), the same document.
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], await page.Locator("table.jobs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task A_hidden_page_asks_for_nothing_and_catches_up_when_shown_again()
    {
        await EnqueueAsync("send_email");
        await StartAppAsync(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(VisibilityScript);
        await GoToAsync(page, "/jobs/jobs");
        // Visible: it refreshes.
        await page.WaitForFunctionAsync("() => window.fetchesSettled >= 2");

        // Hidden, once the fetch in flight (if any) has settled; the job enqueued after that has to wait.
        await page.EvaluateAsync("() => window.setHidden(true)");
        await page.WaitForFunctionAsync("() => window.fetchesSettled === window.fetchesStarted");
        var fetchesWhenHidden = await page.EvaluateAsync<int>("() => window.fetchesStarted");
        var job = await EnqueueAsync("resize_image");
        var ticks = await page.EvaluateAsync<int>("() => window.ticks");
        await page.WaitForFunctionAsync($"() => window.ticks >= {ticks + 5}");

        Assert.Equal(fetchesWhenHidden, await page.EvaluateAsync<int>("() => window.fetchesStarted"));
        await Expect(page.Locator($"tr[data-id='{job.Id}']")).ToHaveCountAsync(0);

        // Shown again: it asks at once (visibilitychange), and the job appears.
        await page.EvaluateAsync("() => window.setHidden(false)");
        await Expect(page.Locator($"tr[data-id='{job.Id}']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => window.fetchesStarted") > fetchesWhenHidden);
    }
}
