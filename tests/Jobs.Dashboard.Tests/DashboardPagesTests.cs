using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Jobs.Dashboard.Tests;

/// <summary>The dashboard's pages over real PostgreSQL, through a real Kestrel; run on every schema shape below.</summary>
public abstract class DashboardPagesTests(DashboardDatabase database) : DashboardTest(database)
{

    [Fact]
    public async Task The_overview_counts_jobs_by_state_per_task_and_per_queue()
    {
        await EnqueueAsync("send_email");
        await EnqueueAsync("send_email");
        await EnqueueAsync("send_email", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        var retrying = await EnqueueAsync("resize", new EnqueueOptions { Queue = "images" });
        var failed = await EnqueueAsync("resize", new EnqueueOptions { Queue = "images", MaxAttempts = 1 });
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = 'boom', run_at = now() + interval '1 minute' WHERE id = {retrying.Id}");
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = 'gave up' WHERE id = {failed.Id}");
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'worker-one', task_identifiers => ARRAY['send_email'])");
        await ExecuteAsync("UPDATE app_jobs.jobs SET run_at = now() - interval '90 seconds' WHERE locked_by IS NULL AND task_identifier = 'send_email' AND run_at <= now()");
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/");

        Assert.Equal(["1", "1", "1", "1", "1"], new[] { "ready", "scheduled", "running", "retrying", "failed" }.Select(state => Tile(html, state)));
        Assert.Matches(@"<span class=""value"" id=""oldest-ready"">1 min</span>", html);
        Assert.Matches(RowPattern("send_email", "1", "1", "1", "0", "0", "3"), html);
        Assert.Matches(RowPattern("resize", "0", "0", "0", "1", "1", "2"), html);
        Assert.Matches(RowPattern("images", "0", "0", "0", "1", "1", "2"), html);
        Assert.Matches(@"<tr><th scope=""row""><em>no queue</em></th><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td><td>3</td></tr>", html);
        Assert.Matches(@"<tr><th scope=""row"">worker-one</th><td>1</td>", html);
    }

    [Theory]
    [InlineData(3600, 1)]
    [InlineData(0, 2)]
    public async Task Viewers_share_one_count_of_the_overview_for_its_max_age(int maxAgeSeconds, int readyOnSecondVisit)
    {
        await EnqueueAsync("send_email");
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.OverviewMaxAge = TimeSpan.FromSeconds(maxAgeSeconds));
        var first = await app.GetPageAsync("/jobs/");

        await EnqueueAsync("send_email");
        var second = await app.GetPageAsync("/jobs/");

        Assert.Equal("1", Tile(first, "ready"));
        Assert.Equal(readyOnSecondVisit.ToString(System.Globalization.CultureInfo.InvariantCulture), Tile(second, "ready"));
        Assert.Equal(maxAgeSeconds > 0, CountedAt(first) == CountedAt(second));
    }

    [Fact]
    public async Task The_job_list_filters_by_state_task_queue_key_andDatabase()
    {
        var a = await EnqueueAsync("send_email", new EnqueueOptions { Queue = "mail" });
        var b = await EnqueueAsync("send_email", new EnqueueOptions { Key = "welcome-ada" });
        var c = await EnqueueAsync("resize", new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        var other = await new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() }).EnqueueAsync("send_email", Encoding.UTF8.GetBytes("{}"));
        await using var app = await DashboardApp.StartAsync(Database);

        Assert.Equal([other.Id, b.Id, a.Id], Ids(await app.GetPageAsync("/jobs/jobs?task=send_email")));
        Assert.Equal([c.Id], Ids(await app.GetPageAsync("/jobs/jobs?state=scheduled")));
        Assert.Equal([a.Id], Ids(await app.GetPageAsync("/jobs/jobs?queue=mail")));
        Assert.Equal([b.Id], Ids(await app.GetPageAsync("/jobs/jobs?key=welcome-ada")));
        Assert.Empty(Ids(await app.GetPageAsync("/jobs/jobs?key=welcome-ada&task=resize")));
        Assert.Equal([c.Id, b.Id, a.Id], Ids(await app.GetPageAsync($"/jobs/jobs?database={DatabaseId}")));
        await ExecuteAsync($"UPDATE app_jobs.jobs SET last_error = 'Resize failed: Out Of Memory' WHERE id = {c.Id}");
        Assert.Equal([c.Id], Ids(await app.GetPageAsync("/jobs/jobs?text=out+of+memory")));
        Assert.Contains("<input name=\"text\" value=\"out of memory\"", await app.GetPageAsync("/jobs/jobs?text=out+of+memory"));
    }

    [Fact]
    public async Task The_job_list_pages_newest_first_by_keyset_and_keeps_the_filter()
    {
        var jobs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add((await EnqueueAsync("send_email")).Id);
        }
        await EnqueueAsync("resize");
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.PageSize = 2);

        var seen = new List<long>();
        var url = "/jobs/jobs?task=send_email";
        for (var page = 0; url is not null; page++)
        {
            Assert.True(page < 5, "paging never ended");
            var html = await app.GetPageAsync(url);
            seen.AddRange(Ids(html));
            var older = Regex.Match(html, @"<a href=""([^""]+)"" rel=""next"">Older</a>");
            url = older.Success ? WebUtility.HtmlDecode(older.Groups[1].Value) : null;
        }

        Assert.Equal(Enumerable.Reverse(jobs), seen);
    }

    [Theory]
    [InlineData("/jobs/jobs?state=stuck", "Unknown state &#39;stuck&#39;: use ready, scheduled, running, retrying or failed.")]
    [InlineData("/jobs/jobs?database=not-a-uuid", "&#39;not-a-uuid&#39; is not a database id (a UUID).")]
    public async Task A_filter_that_cannot_match_says_why(string url, string message)
    {
        await using var app = await DashboardApp.StartAsync(Database);

        using var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"""<p class="error" role="alert">{message}</p>""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_job_detail_shows_every_column_the_payload_indented_and_the_error_with_its_frames()
    {
        var job = await EnqueueAsync("send_email", new EnqueueOptions { Queue = "mail", Key = "k-1", Priority = 3 }, """{"to":"zoë@example.com","tags":["a","b"]}""");
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 2, last_error = E'Timeout after 30 s\n   at Mailer.SendAsync()\n   at Jobs.Dispatch()' WHERE id = {job.Id}");
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync($"/jobs/jobs/{job.Id}");

        Assert.Contains($"<h1>Job {job.Id} <span class=\"state state-retrying\">retrying</span></h1>", html);
        foreach (var (term, value) in new[] { ("task", "send_email"), ("queue", "mail"), ("key", "k-1"), ("priority", "3"), ("attempts", "2 of 25"), ("database id", DatabaseId.ToString()) })
        {
            Assert.Contains($"<div><dt>{term}</dt><dd>{value}</dd></div>", html);
        }
        Assert.Contains("<pre class=\"payload\"><code>{\n  &quot;to&quot;: &quot;zoë@example.com&quot;,\n  &quot;tags&quot;: [\n    &quot;a&quot;,\n    &quot;b&quot;\n  ]\n}</code></pre>", html);
        Assert.Contains("<pre class=\"last-error\">Timeout after 30 s\n   at Mailer.SendAsync()\n   at Jobs.Dispatch()</pre>", html);
    }

    [Fact]
    public async Task Script_in_a_payload_a_task_name_or_an_error_is_shown_as_text_never_run()
    {
        var job = await EnqueueAsync("<script>alert('task')</script>", payload: """{"html":"<script>alert('payload')</script><img src=x onerror=alert(1)>"}""");
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = '<script>alert(''error'')</script>' WHERE id = {job.Id}");
        await using var app = await DashboardApp.StartAsync(Database);

        foreach (var url in new[] { "/jobs/", "/jobs/jobs", $"/jobs/jobs/{job.Id}" })
        {
            var html = await app.GetPageAsync(url);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
            // The only script elements are the dashboard's own file.
            Assert.All(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value), tag => Assert.Equal("<script src=\"/jobs/assets/dashboard.js\" defer>", tag));
        }
    }

    [Fact]
    public async Task A_dashboard_limited_to_oneDatabase_never_shows_another_ones_jobs()
    {
        var ours = await EnqueueAsync("send_email");
        var theirs = await new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = Guid.NewGuid() }).EnqueueAsync("send_email", Encoding.UTF8.GetBytes("{}"));
        var scoped = new JobsAdmin(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.Admin = scoped);

        Assert.Equal([ours.Id], Ids(await app.GetPageAsync("/jobs/jobs")));
        Assert.Equal([ours.Id], Ids(await app.GetPageAsync($"/jobs/jobs?database={DatabaseId}")));
        using (var other = await app.Client.GetAsync($"/jobs/jobs?database={theirs.DatabaseId}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            var html = await other.Content.ReadAsStringAsync();
            Assert.Contains($"This dashboard shows the jobs of database {DatabaseId} only.", html);
            Assert.Empty(Ids(html));
        }
        using var detail = await app.Client.GetAsync($"/jobs/jobs/{theirs.Id}");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Matches(RowPattern("send_email", "1", "0", "0", "0", "0", "1"), await app.GetPageAsync("/jobs/"));
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_that_says_where_jobs_go()
    {
        await using var app = await DashboardApp.StartAsync(Database);

        using var response = await app.Client.GetAsync("/jobs/jobs/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No job 987654321: it finished (completed jobs leave the table)", await response.Content.ReadAsStringAsync());
    }




    private static string Tile(string html, string state) =>
        Regex.Match(html, $"""<span class="value" data-state="{state}">([^<]*)</span>""").Groups[1].Value;

    private static string CountedAt(string html) => Regex.Match(html, """<time datetime="([^"]+)">""").Groups[1].Value;

    private static string RowPattern(string name, params string[] counts) =>
        $"""<tr><th scope="row"><a href="[^"]+">{Regex.Escape(name)}</a></th>""" + string.Concat(counts.Select(c => $"<td>{c}</td>")) + "</tr>";

    private static long[] Ids(string html) =>
        Regex.Matches(html, """<tr data-id="(\d+)">""").Select(m => long.Parse(m.Groups[1].Value)).ToArray();
}

public sealed class DashboardPagesTestsOnInstaller(InstallerDashboardDatabase database) : DashboardPagesTests(database), IClassFixture<InstallerDashboardDatabase>;

public sealed class DashboardPagesTestsOnPgpm(PgpmDashboardDatabase database) : DashboardPagesTests(database), IClassFixture<PgpmDashboardDatabase>;
