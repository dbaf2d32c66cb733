using Jobs.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Dashboard.BrowserTests;

/// <summary>Filtering, opening a job, the keyboard, and a refused visitor, as a person in Chromium meets them.</summary>
public sealed class DashboardBrowsingTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task Choosing_a_state_and_typing_a_task_then_filtering_shows_only_the_matching_jobs()
    {
        await EnqueueAsync("send_email");
        var later = await EnqueueAsync("send_email", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        var laterStill = await EnqueueAsync("send_email", new EnqueueOptions { Delay = TimeSpan.FromHours(2), Queue = "mail" });
        await EnqueueAsync("resize_image", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        await EnqueueAsync("resize_image");
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/jobs");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(5);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "State" }).SelectOptionAsync("scheduled");
        await page.GetByLabel("Task", new() { Exact = true }).FillAsync("send_email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.Url("/jobs/jobs?state=scheduled&task=send_email&queue=&key=&database=&text="));
        var rows = page.Locator("table.jobs tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal([laterStill.Id.ToString(), later.Id.ToString()], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        Assert.All(await rows.Locator("td.task").AllTextContentsAsync(), task => Assert.Equal("send_email", task));
        Assert.All(await rows.Locator(".state").AllTextContentsAsync(), state => Assert.Equal("scheduled", state));
        // The form shows the filter it applied.
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "State" })).ToHaveValueAsync("scheduled");
        await Expect(page.GetByLabel("Task", new() { Exact = true })).ToHaveValueAsync("send_email");
    }

    [Fact]
    public async Task Clicking_a_job_id_opens_its_detail_with_the_payload_indented()
    {
        await EnqueueAsync("send_email");
        var job = await EnqueueAsync("send_email", new EnqueueOptions { Queue = "mail", Key = "welcome-ada" }, """{"to":"ada@example.com","tags":["welcome","beta"],"retry":{"max":3}}""");
        await EnqueueAsync("resize_image");
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/jobs");

        await page.Locator("table.jobs").GetByRole(AriaRole.Link, new() { Name = job.Id.ToString(), Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.Url($"/jobs/jobs/{job.Id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Job {job.Id} ready");
        await Expect(page.Locator("dl.job")).ToContainTextAsync("welcome-ada");
        var payload = page.Locator("pre.payload");
        await Expect(payload).ToBeVisibleAsync();
        Assert.Equal("""
            {
              "to": "ada@example.com",
              "tags": [
                "welcome",
                "beta"
              ],
              "retry": {
                "max": 3
              }
            }
            """, await payload.InnerTextAsync());
    }

    [Fact]
    public async Task From_another_machine_without_a_policy_the_browser_sees_the_403_text_and_no_dashboard()
    {
        await EnqueueAsync("send_email");
        await StartAppAsync();
        var page = await NewPageAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { [DashboardApp.RemoteAddressHeader] = "203.0.113.7" },
        });

        foreach (var path in new[] { "/jobs/", "/jobs/jobs", "/jobs/jobs?state=ready" })
        {
            var response = await GoToAsync(page, path, status: 403);

            await Expect(page.Locator("body")).ToContainTextAsync("The Jobs dashboard answers only requests from this machine until the app sets an authorization policy on it");
            await Expect(page.Locator("body")).ToContainTextAsync(".RequireAuthorization(");
            Assert.StartsWith("text/plain", await response.HeaderValueAsync("content-type"));
            await Expect(page.Locator("#main, header, nav, table, form, a, link, script")).ToHaveCountAsync(0);
            await Expect(page.GetByText("send_email")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Tab_walks_the_filter_fields_the_filter_button_then_the_job_links_and_Enter_opens_a_job()
    {
        var oldest = await EnqueueAsync("send_email");
        var middle = await EnqueueAsync("resize_image", new EnqueueOptions { Queue = "images" });
        var newest = await EnqueueAsync("send_email");
        await StartAppAsync();
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/jobs");
        await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(3);

        // Tab from the top of the page, noting what each press focuses, until past the last job link.
        var focused = new List<string>();
        var lastJobLink = $"a:{oldest.Id}";
        for (var press = 0; press < 40 && !focused.Contains(lastJobLink); press++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return 'body';
                  const tag = e.tagName.toLowerCase();
                  return tag + ':' + (e.name || e.textContent.trim());
                }
                """));
        }
        Output.WriteLine("Tab order: " + string.Join(" → ", focused));

        string[] form = ["select:state", "input:task", "input:queue", "input:key", "input:database", "input:text", "button:Filter"];
        var start = focused.IndexOf(form[0]);
        Assert.True(start >= 0, "Tab never reached the state filter: " + string.Join(", ", focused));
        Assert.Equal(form, focused.Skip(start).Take(form.Length));
        // Before the form, only the header's links; after the Filter button, the job links newest first
        // (other controls a row may hold are allowed between them).
        Assert.All(focused.Take(start), item => Assert.StartsWith("a:", item));
        var jobLinks = focused.Skip(start + form.Length).Where(item => item.StartsWith("a:", StringComparison.Ordinal) && long.TryParse(item[2..], out _)).ToList();
        Assert.Equal([$"a:{newest.Id}", $"a:{middle.Id}", $"a:{oldest.Id}"], jobLinks);

        // Back to the middle job's link with Shift+Tab, then Enter.
        for (var press = 0; press < 10 && await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()") != middle.Id.ToString(); press++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }
        await Expect(page.Locator("table.jobs").GetByRole(AriaRole.Link, new() { Name = middle.Id.ToString(), Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(App.Url($"/jobs/jobs/{middle.Id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Job {middle.Id} ready");
    }

    [Fact]
    public async Task A_state_tile_opens_the_filtered_list_and_Older_pages_on_with_the_filter_kept()
    {
        var ready = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ready.Add((await EnqueueAsync("send_email")).Id);
        }
        await EnqueueAsync("send_email", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        await StartAppAsync(o => o.PageSize = 2);
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/");

        await page.GetByRole(AriaRole.Link, new() { Name = "ready 5" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.Url("/jobs/jobs?state=ready"));
        var seen = new List<long>();
        var rows = page.Locator("table.jobs tbody tr");
        for (var pages = 1; ; pages++)
        {
            await Expect(rows.First).ToBeVisibleAsync();
            seen.AddRange((await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Select(long.Parse));
            var older = page.Locator("a[rel=next]");
            if (await older.CountAsync() == 0)
            {
                break;
            }
            Assert.True(pages < 5, "paging never ended");
            var before = page.Url;
            await older.ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(before);
            Assert.Contains("state=ready", page.Url);
        }

        Assert.Equal(Enumerable.Reverse(ready), seen);
    }

    [Fact]
    public async Task A_live_refresh_keeps_the_keyboard_focus_on_the_job_link_it_was_on()
    {
        var job = await EnqueueAsync("send_email");
        await StartAppAsync(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        var page = await NewPageAsync();
        await GoToAsync(page, "/jobs/jobs");
        var link = page.Locator("table.jobs").GetByRole(AriaRole.Link, new() { Name = job.Id.ToString(), Exact = true });
        await link.FocusAsync();

        await page.Locator("#main > h1").EvaluateAsync("h => h.setAttribute('data-before-refresh', '')");
        await Expect(page.Locator("#main > h1[data-before-refresh]")).ToHaveCountAsync(0);

        await Expect(link).ToBeFocusedAsync();
    }
}
