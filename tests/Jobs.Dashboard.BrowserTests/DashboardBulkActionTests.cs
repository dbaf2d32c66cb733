using Jobs.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>A bulk action on every job matching a filter, beyond the page the browser shows.</summary>
public sealed class DashboardBulkActionTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task Retrying_all_jobs_matching_a_filter_retries_every_one_beyond_the_page_and_nothing_else()
    {
        // 25 retrying send_email jobs (the filter), and around them: retrying jobs of another task
        // and send_email jobs that are only ready.
        for (var i = 0; i < 25; i++)
        {
            await EnqueueAsync("send_email");
        }
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync("resize_image");
        }
        await ExecuteAsync("UPDATE app_jobs.jobs SET attempts = 1, last_error = 'smtp down', run_at = now() + interval '1 hour'");
        await EnqueueAsync("send_email");
        await EnqueueAsync("send_email");
        await StartAppAsync(options => options.PageSize = 10);
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/jobs?state=retrying&task=send_email");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Radio, new() { Name = "all 25 jobs matching this filter" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry now" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Retry 25 jobs?");
        await Expect(page.Locator("p.confirm-summary")).ToHaveTextAsync("25 of the jobs matching the filter will be retried.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry 25 jobs" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Retried 25 jobs");
        await Expect(page.Locator("p.changed")).ToHaveAttributeAsync("data-count", "25");
        // A fresh set of attempts, due now: all 25 and the two that were only ready; the other task's retries untouched.
        Assert.Equal(27L, await CountAsync("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'send_email' AND attempts = 0 AND run_at <= now()"));
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'resize_image' AND attempts = 1 AND run_at > now()"));

        // Back to the list the filter came from: none of them is waiting for a retry any more.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the jobs" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/jobs/jobs\?state=retrying&task=send_email"));
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(0);
        AssertNothingUnwanted();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
