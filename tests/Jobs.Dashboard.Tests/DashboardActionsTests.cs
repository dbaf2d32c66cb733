using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests;

/// <summary>
/// The dashboard's actions over real PostgreSQL, through a real Kestrel, as a browser drives them:
/// a page's form, the confirmation, the confirmed POST, the report; on every schema shape below.
/// </summary>
public abstract class DashboardActionsTests(DashboardDatabase database) : DashboardTest(database)
{
    private static readonly DateTimeOffset Later = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("retry", "Retry", "Retried")]
    [InlineData("fail", "Permanently fail", "Permanently failed")]
    [InlineData("delete", "Delete", "Deleted")]
    [InlineData("reschedule", "Reschedule", "Rescheduled")]
    public async Task An_action_on_the_selected_jobs_changes_them_and_leaves_the_running_one_alone(string action, string verb, string done)
    {
        var jobs = await FailingJobsAsync("send_email", 3);
        var running = await RunningJobAsync("send_email");
        await using var app = await DashboardApp.StartAsync(Database);
        var list = await app.GetPageAsync("/jobs/jobs");
        Assert.Equal(4, Regex.Matches(list, """<input type="checkbox" name="id" value="\d+"><span class="visually-hidden">Select job \d+</span>""").Count);
        Assert.Equal(["retry", "fail", "delete", "reschedule", "unlock"],
            Regex.Matches(list, """<button type="submit" name="action" value="(\w+)">""").Select(m => m.Groups[1].Value));

        var confirmation = await AskAsync(app, list, action, [jobs[0], jobs[2], running]);

        Assert.Contains($"<h1>{verb} 2 jobs?</h1>", confirmation);
        Assert.Contains("1 job will be left alone (running).", confirmation);
        var report = await ConfirmAsync(app, confirmation);
        Assert.Contains($"<h1>{done} 2 jobs</h1>", report);
        Assert.Matches("""<p class="left-alone" data-count="1">Left alone, running: 1 job \(<a href="/jobs/jobs/\d+">\d+</a>\)</p>""", report);
        await AssertChangedAsync(action, changed: [jobs[0], jobs[2]], unchanged: [jobs[1]]);
        Assert.NotNull((await RowAsync(running))?.LockedAt);
    }

    [Theory]
    [InlineData("retry", "Retry", "Retried")]
    [InlineData("fail", "Permanently fail", "Permanently failed")]
    [InlineData("delete", "Delete", "Deleted")]
    [InlineData("reschedule", "Reschedule", "Rescheduled")]
    public async Task An_action_on_all_jobs_matching_the_filter_changes_every_match_beyond_the_page(string action, string verb, string done)
    {
        var matching = await FailingJobsAsync("send_email", 5);
        var running = await RunningJobAsync("send_email");
        var other = await FailingJobsAsync("resize", 1);
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.PageSize = 2);
        var list = await app.GetPageAsync("/jobs/jobs?task=send_email");
        Assert.Contains("""all <span id="matching-count">6</span> jobs matching this filter""", list);

        var confirmation = await AskAsync(app, list, action, [], allMatching: true, filter: [new("task", "send_email")]);

        Assert.Contains($"<h1>{verb} 5 jobs?</h1>", confirmation);
        Assert.Contains("1 job will be left alone (running).", confirmation);
        var report = await ConfirmAsync(app, confirmation);
        Assert.Contains($"<h1>{done} 5 jobs</h1>", report);
        Assert.Contains("""<a href="/jobs/jobs?task=send_email">Back to the jobs</a>""", report);
        await AssertChangedAsync(action, changed: matching, unchanged: other);
        Assert.NotNull((await RowAsync(running))?.LockedAt);
    }

    [Theory]
    [InlineData("retry", "Retry 1 job?", "Retried 1 job")]
    [InlineData("fail", "Permanently fail 1 job?", "Permanently failed 1 job")]
    [InlineData("delete", "Delete 1 job?", "Deleted 1 job")]
    [InlineData("reschedule", "Reschedule 1 job?", "Rescheduled 1 job")]
    public async Task An_action_from_a_jobs_page_changes_that_job_only(string action, string question, string done)
    {
        var jobs = await FailingJobsAsync("send_email", 2);
        await using var app = await DashboardApp.StartAsync(Database);
        var detail = await app.GetPageAsync($"/jobs/jobs/{jobs[0]}");

        var confirmation = await AskAsync(app, detail, action, [jobs[0]]);

        Assert.Contains($"<h1>{question}</h1>", confirmation);
        var report = await ConfirmAsync(app, confirmation);
        Assert.Contains($"<h1>{done}</h1>", report);
        Assert.Contains($"""<a href="/jobs/jobs/{jobs[0]}">Job {jobs[0]}</a>""", report);
        await AssertChangedAsync(action, changed: [jobs[0]], unchanged: [jobs[1]]);
    }

    [Fact]
    public async Task A_running_job_is_left_alone_from_its_own_page_and_the_report_says_so()
    {
        var running = await RunningJobAsync("send_email");
        await using var app = await DashboardApp.StartAsync(Database);
        var detail = await app.GetPageAsync($"/jobs/jobs/{running}");

        var confirmation = await AskAsync(app, detail, "delete", [running]);

        Assert.Contains("<h1>Delete 0 jobs?</h1>", confirmation);
        Assert.Contains("1 job will be left alone (running).", confirmation);
        Assert.DoesNotContain("class=\"confirm\"", confirmation);
        // Posted anyway (a page kept open while a worker took the job): the database refuses.
        var fields = Fields(detail, "delete", [running]);
        var (status, report) = await DashboardForms.PostAsync(app, "/jobs/actions/confirm", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Deleted 0 jobs</h1>", report);
        Assert.Contains("Left alone, running: 1 job", report);
        Assert.NotNull(await RowAsync(running));
    }

    [Fact]
    public async Task Unlock_frees_stale_locks_only_and_leaves_a_live_workers_job_alone()
    {
        var stale = await RunningJobAsync("import", lockedAgo: "5 hours");
        var live = await RunningJobAsync("import");
        var recent = await RunningJobAsync("import", lockedAgo: "40 minutes");
        await using var app = await DashboardApp.StartAsync(Database);
        var list = await app.GetPageAsync("/jobs/jobs");

        var confirmation = await AskAsync(app, list, "unlock", [stale, live]);
        Assert.Contains("<h1>Unlock 1 job?</h1>", confirmation);
        Assert.Contains("1 job will be left alone (locked by a live worker).", confirmation);
        Assert.Contains("Left alone, locked by a live worker: 1 job", await ConfirmAsync(app, confirmation));
        Assert.Null((await RowAsync(stale))!.LockedAt);
        Assert.NotNull((await RowAsync(live))!.LockedAt);

        // All running jobs of the task, with a shorter "older than".
        var all = await AskAsync(app, list, "unlock", [], allMatching: true, filter: [new("task", "import")], olderThan: "30m");
        Assert.Contains("<h1>Unlock 1 job?</h1>", all);
        Assert.Contains("<h1>Unlocked 1 job</h1>", await ConfirmAsync(app, all));
        Assert.Null((await RowAsync(recent))!.LockedAt);
        Assert.NotNull((await RowAsync(live))!.LockedAt);
    }

    [Fact]
    public async Task Without_an_antiforgery_token_or_with_a_wrong_one_a_post_is_refused_and_nothing_changes()
    {
        var jobs = await FailingJobsAsync("send_email", 1);
        await using var app = await DashboardApp.StartAsync(Database);
        var list = await app.GetPageAsync("/jobs/jobs");
        var valid = Fields(list, "delete", jobs);

        foreach (var url in new[] { "/jobs/actions", "/jobs/actions/confirm" })
        {
            var (missing, _) = await DashboardForms.PostAsync(app, url, valid.Where(f => f.Key != DashboardForms.TokenField));
            Assert.Equal(HttpStatusCode.BadRequest, missing);
            var (wrong, body) = await DashboardForms.PostAsync(app, url,
                valid.Select(f => f.Key == DashboardForms.TokenField ? new KeyValuePair<string, string>(f.Key, "CfDJ8-not-a-token") : f));
            Assert.Equal(HttpStatusCode.BadRequest, wrong);
            Assert.Contains("Nothing was changed", body);
        }
        // A token without its cookie (another browser's page) is refused as well.
        using var stranger = new HttpClient { BaseAddress = app.Client.BaseAddress };
        using var response = await stranger.PostAsync("/jobs/actions/confirm", new FormUrlEncodedContent(valid));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        Assert.NotNull(await RowAsync(jobs[0]));
    }

    [Fact]
    public async Task Without_the_apps_policy_another_machine_cannot_act_even_with_a_valid_token()
    {
        var jobs = await FailingJobsAsync("send_email", 1);
        await using var app = await DashboardApp.StartAsync(Database);
        var fields = Fields(await app.GetPageAsync("/jobs/jobs"), "delete", jobs);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/actions/confirm") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(DashboardApp.RemoteAddressHeader, "203.0.113.7");
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull(await RowAsync(jobs[0]));
    }

    [Fact]
    public async Task A_read_only_dashboard_offers_no_action_and_refuses_every_post()
    {
        var jobs = await FailingJobsAsync("send_email", 1);
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.ReadOnly = true, addDashboardServices: false);

        foreach (var url in new[] { "/jobs/", "/jobs/jobs", $"/jobs/jobs/{jobs[0]}" })
        {
            var html = await app.GetPageAsync(url);
            Assert.DoesNotContain("method=\"post\"", html);
            Assert.DoesNotContain("type=\"checkbox\"", html);
            Assert.DoesNotContain(DashboardForms.TokenField, html);
        }
        foreach (var url in new[] { "/jobs/actions", "/jobs/actions/confirm" })
        {
            var (status, body) = await DashboardForms.PostAsync(app, url, [new("action", "delete"), new("scope", "selection"), new("id", jobs[0].ToString())]);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("read-only", body);
        }
        Assert.NotNull(await RowAsync(jobs[0]));
    }

    [Fact]
    public async Task With_an_operator_policy_a_user_outside_it_sees_no_action_and_is_refused()
    {
        var jobs = await FailingJobsAsync("send_email", 1);
        await using (var allowed = await DashboardApp.StartAsync(Database, configure: o => o.OperatorPolicy = "anyone"))
        {
            Assert.Contains("method=\"post\"", await allowed.GetPageAsync("/jobs/jobs"));
        }
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.OperatorPolicy = "nobody");

        var list = await app.GetPageAsync("/jobs/jobs");
        Assert.DoesNotContain("method=\"post\"", list);
        Assert.DoesNotContain("method=\"post\"", await app.GetPageAsync($"/jobs/jobs/{jobs[0]}"));
        var (status, _) = await DashboardForms.PostAsync(app, "/jobs/actions/confirm", [new("action", "delete"), new("scope", "selection"), new("id", jobs[0].ToString())]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.NotNull(await RowAsync(jobs[0]));
    }

    [Fact]
    public async Task Mapping_a_dashboard_that_acts_without_antiforgery_services_says_what_to_call()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardApp.StartAsync(Database, addDashboardServices: false));

        Assert.Contains("services.AddJobsDashboard()", error.Message);
    }

    [Fact]
    public async Task Script_in_a_task_name_a_filter_or_a_reason_is_shown_as_text_on_the_action_pages()
    {
        const string Task = "<script>alert('task')</script>";
        var job = (await Client.EnqueueAsync(Task, Encoding.UTF8.GetBytes("""{"html":"<script>alert('payload')</script>"}"""))).Id;
        await using var app = await DashboardApp.StartAsync(Database);
        var list = await app.GetPageAsync("/jobs/jobs?task=" + Uri.EscapeDataString(Task));
        Assert.Contains("""<input type="hidden" name="task" value="&lt;script&gt;alert(&#39;task&#39;)&lt;/script&gt;">""", list);

        var confirmation = await AskAsync(app, list, "fail", [], allMatching: true, filter: [new("task", Task)], reason: "<script>alert('reason')</script>");
        var report = await ConfirmAsync(app, confirmation);

        foreach (var html in new[] { list, confirmation, report })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.All(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value), tag => Assert.Equal("<script src=\"/jobs/assets/dashboard.js\" defer>", tag));
        }
        Assert.Contains("&quot;&lt;script&gt;alert(&#39;reason&#39;)&lt;/script&gt;&quot;", confirmation);
        Assert.Equal("<script>alert('reason')</script>", (await RowAsync(job))!.LastError);
    }

    [Fact]
    public async Task A_form_without_a_selection_or_with_a_bad_input_changes_nothing_and_says_why()
    {
        var jobs = await FailingJobsAsync("send_email", 1);
        await using var app = await DashboardApp.StartAsync(Database);
        var list = await app.GetPageAsync("/jobs/jobs");

        var (none, noneBody) = await DashboardForms.PostAsync(app, "/jobs/actions", Fields(list, "delete", []));
        Assert.Equal(HttpStatusCode.BadRequest, none);
        Assert.Contains("No jobs selected", noneBody);
        var (badTime, badTimeBody) = await DashboardForms.PostAsync(app, "/jobs/actions/confirm", [.. Fields(list, "reschedule", jobs), new("run_at", "tomorrow")]);
        Assert.Equal(HttpStatusCode.BadRequest, badTime);
        Assert.Contains("is not a run-at time", badTimeBody);
        var (badAction, _) = await DashboardForms.PostAsync(app, "/jobs/actions/confirm", Fields(list, "explode", jobs));
        Assert.Equal(HttpStatusCode.BadRequest, badAction);
        Assert.Equal(1, (await RowAsync(jobs[0]))!.Attempts);
    }

    // Failing jobs (an attempt made, an error, due in an hour): every action changes something visible.
    private async Task<List<long>> FailingJobsAsync(string task, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes("{}"))).Id);
        }
        await ExecuteAsync($"UPDATE app_jobs.jobs SET attempts = 1, last_error = 'boom', run_at = now() + interval '1 hour' WHERE id IN ({string.Join(",", ids)})");
        return ids;
    }

    private async Task<long> RunningJobAsync(string task, string lockedAgo = "0 seconds")
    {
        var id = (await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes("{}"))).Id;
        await ExecuteAsync($"UPDATE app_jobs.jobs SET locked_by = 'worker-one', locked_at = now() - interval '{lockedAgo}', attempts = 1 WHERE id = {id}");
        return id;
    }

    private async Task AssertChangedAsync(string action, IReadOnlyList<long> changed, IReadOnlyList<long> unchanged)
    {
        foreach (var id in unchanged)
        {
            var row = (await RowAsync(id))!;
            Assert.Equal((1, "boom"), (row.Attempts, row.LastError));
            Assert.True(row.RunAt > DateTimeOffset.UtcNow.AddMinutes(30), $"job {id} was rescheduled");
        }
        foreach (var id in changed)
        {
            var row = await RowAsync(id);
            switch (action)
            {
                case "retry":
                    Assert.Equal(0, row!.Attempts);
                    Assert.True(row.RunAt <= DateTimeOffset.UtcNow.AddSeconds(5));
                    break;
                case "fail":
                    Assert.Equal(row!.MaxAttempts, row.Attempts);
                    break;
                case "delete":
                    Assert.Null(row);
                    break;
                case "reschedule":
                    Assert.Equal(Later, row!.RunAt);
                    break;
            }
        }
    }

    private async Task<string> AskAsync(DashboardApp app, string page, string action, IReadOnlyList<long> ids, bool allMatching = false,
        IReadOnlyList<KeyValuePair<string, string>>? filter = null, string? reason = null, string? olderThan = null)
    {
        var fields = Fields(page, action, ids, allMatching);
        fields.AddRange(filter ?? []);
        if (action == "reschedule")
        {
            fields.Add(new("run_at", "2030-01-02T03:04:05"));
        }
        if (reason is not null)
        {
            fields.Add(new("reason", reason));
        }
        if (olderThan is not null)
        {
            fields.Add(new("older_than", olderThan));
        }
        var (status, html) = await DashboardForms.PostAsync(app, "/jobs/actions", fields);
        Assert.True(status == HttpStatusCode.OK, $"POST /jobs/actions: {(int)status}\n{html}");
        return html;
    }

    private static async Task<string> ConfirmAsync(DashboardApp app, string confirmation)
    {
        var (url, fields) = DashboardForms.ConfirmForm(confirmation);
        var (status, html) = await DashboardForms.PostAsync(app, url, fields);
        Assert.True(status == HttpStatusCode.OK, $"POST {url}: {(int)status}\n{html}");
        return html;
    }

    private static List<KeyValuePair<string, string>> Fields(string page, string action, IReadOnlyList<long> ids, bool allMatching = false)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(DashboardForms.TokenField, DashboardForms.Token(page)),
            new("action", action),
            new("scope", allMatching ? "filter" : "selection"),
        };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("id", id.ToString())));
        return fields;
    }

    private async Task<JobRow?> RowAsync(long id) => await new JobsAdmin(Database.DataSource).GetAsync(id);


}

public sealed class DashboardActionsTestsOnInstaller(InstallerDashboardDatabase database) : DashboardActionsTests(database), IClassFixture<InstallerDashboardDatabase>;

public sealed class DashboardActionsTestsOnPgpm(PgpmDashboardDatabase database) : DashboardActionsTests(database), IClassFixture<PgpmDashboardDatabase>;
