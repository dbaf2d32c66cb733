using System.Net;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Schema;
using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests;

/// <summary>
/// The history page: how to install the history when it is not there; when it is, the completions
/// of the last hour as a chart and the completed jobs, newest first, filtered and paged, each with
/// its record; a finished job's detail points to its record.
/// </summary>
public abstract class DashboardHistoryTests : DashboardTest
{
    [Fact]
    public async Task Without_the_history_the_page_says_how_to_install_it()
    {
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/history");

        Assert.Contains("""<a href="/jobs/history" aria-current="page">History</a>""", html);
        Assert.Contains("The history of completed jobs is not installed", html);
        Assert.Contains("<code>jobs migrate --history</code>", html);
        Assert.DoesNotContain("<table", html);
        using var record = await app.Client.GetAsync("/jobs/history/1");
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
    }

    [Fact]
    public async Task A_job_a_worker_completed_is_charted_listed_and_shown_and_its_old_link_points_to_its_record()
    {
        await new HistoryInstaller(Database.DataSource).InstallAsync();
        var job = await EnqueueAsync("send_email", payload: """{"to":"ada@example.com"}""");
        await CompleteAllAsync("send_email");
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/history");
        Assert.Contains("<figure class=\"throughput\">", html);
        Assert.Equal(60, Regex.Matches(html, "<rect class=\"bar\"").Count);
        Assert.Contains("<figcaption>1 job completed in the last 60 minutes; at most 1 in a minute, from ", html);
        Assert.Matches($"""<tr data-id="{job.Id}"><td><a href="/jobs/history/{job.Id}">{job.Id}</a></td><td class="task">send_email</td>""", html);

        var detail = await app.GetPageAsync($"/jobs/history/{job.Id}");
        Assert.Contains("<span class=\"state state-completed\">completed</span>", detail);
        Assert.Contains("&quot;to&quot;: &quot;ada@example.com&quot;", detail);
        Assert.Contains("<dt>completed by</dt>", detail);

        using var gone = await app.Client.GetAsync($"/jobs/jobs/{job.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains($"""<a href="/jobs/history/{job.Id}">its record in the history</a>""", await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_list_is_newest_first_filtered_by_task_and_paged_and_escapes_what_it_shows()
    {
        await new HistoryInstaller(Database.DataSource).InstallAsync();
        await ExecuteAsync($"""
            INSERT INTO app_jobs_history.completed_jobs (id, database_id, queue_name, task_identifier, payload, priority, attempts, max_attempts, run_at, completed_at, worker_id)
            VALUES (11, '{DatabaseId}', NULL, 'report', '{"{}"}', 0, 1, 25, now(), now() - interval '3 minutes', 'w1'),
                   (12, '{DatabaseId}', NULL, '<script>alert(1)</script>', '{"{}"}', 0, 1, 25, now(), now() - interval '2 minutes', 'w1'),
                   (13, '{DatabaseId}', NULL, 'report', '{"{}"}', 0, 1, 25, now(), now() - interval '1 minute', 'w2')
            """);
        await using var app = await DashboardApp.StartAsync(Database, configure: options => options.PageSize = 2);

        var first = await app.GetPageAsync("/jobs/history");
        Assert.Equal(["13", "12"], Ids(first));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", first);
        Assert.DoesNotContain("<script>alert(1)", first);
        var older = Regex.Match(first, """<a href="([^"]+)" rel="next">Older</a>""");
        Assert.True(older.Success, "no link to older records");
        var second = await app.GetPageAsync(WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Equal(["11"], Ids(second));
        Assert.Contains("""<a href="/jobs/history">Newest</a>""", second);

        Assert.Equal(["13", "11"], Ids(await app.GetPageAsync("/jobs/history?task=report")));
        using var bad = await app.Client.GetAsync("/jobs/history?at=yesterday&id=1");
        Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
        Assert.Contains("is not valid: start from the newest", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dashboard_scoped_to_one_database_shows_only_its_completions()
    {
        await new HistoryInstaller(Database.DataSource).InstallAsync();
        var other = Guid.NewGuid();
        await ExecuteAsync($"""
            INSERT INTO app_jobs_history.completed_jobs (id, database_id, task_identifier, payload, priority, attempts, max_attempts, run_at, completed_at, worker_id)
            VALUES (21, '{DatabaseId}', 'mine', '{"{}"}', 0, 1, 25, now(), now() - interval '1 minute', 'w'),
                   (22, '{other}', 'theirs', '{"{}"}', 0, 1, 25, now(), now() - interval '1 minute', 'w')
            """);
        await using var app = await DashboardApp.StartAsync(Database, configure: options => options.Admin = new JobsAdmin(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId }));

        var html = await app.GetPageAsync("/jobs/history");

        Assert.Equal(["21"], Ids(html));
        Assert.Contains("<figcaption>1 job completed in the last 60 minutes;", html);
        using var theirs = await app.Client.GetAsync("/jobs/history/22");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    private static string[] Ids(string html) =>
        Regex.Matches(html, """<tr data-id="(\d+)">""").Select(m => m.Groups[1].Value).ToArray();

    /// <summary>Runs a worker until no job of <paramref name="task"/> is left.</summary>
    private async Task CompleteAllAsync(string task)
    {
        var dispatcher = new NoopDispatcher(task);
        using var stop = new CancellationTokenSource();
        var worker = new JobsWorker(Database.DataSource, [dispatcher], new JobsWorkerOptions());
        var run = worker.RunAsync(stop.Token);
        try
        {
            await Jobs.Testing.Eventually.TrueAsync(async () =>
            {
                await using var count = Database.DataSource.CreateCommand("SELECT count(*) FROM app_jobs.jobs");
                return (long)(await count.ExecuteScalarAsync())! == 0;
            }, "the worker to complete every job");
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private sealed class NoopDispatcher(string task) : IJobDispatcher
    {
        public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor(task)];

        public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

public sealed class DashboardHistoryTestsOnInstaller : DashboardHistoryTests
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}

public sealed class DashboardHistoryTestsOnPgpm : DashboardHistoryTests
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Pgpm();
}
