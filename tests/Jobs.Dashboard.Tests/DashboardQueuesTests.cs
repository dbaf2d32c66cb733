using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests;

/// <summary>The queues page: named queues with their holder, and pause/resume honoured by the schema's own get_job.</summary>
public abstract class DashboardQueuesTests(DashboardDatabase database) : DashboardTest(database)
{

    [Fact]
    public async Task The_queues_page_shows_each_queue_with_its_holder_and_state()
    {
        await EnqueueAsync("resize", "images");
        await EnqueueAsync("resize", "images");
        await EnqueueAsync("mail", "outbox");
        await TakeAsync("worker-7");
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/queues");

        Assert.Matches("""<tr data-queue="images"><th scope="row"><a href="/jobs/jobs\?queue=images">images</a></th><td>2</td><td><span class="state state-running">running</span></td><td>worker-7</td><td>\d+ s</td>""", html);
        Assert.Matches("""<tr data-queue="outbox">.*<td>1</td><td><span class="state state-free">free</span></td><td></td><td></td>""", html);
    }

    [Fact]
    public async Task Pausing_a_queue_keeps_the_schemas_own_get_job_off_it_until_it_is_resumed()
    {
        var paused = await EnqueueAsync("mail", "outbox");
        await using var app = await DashboardApp.StartAsync(Database);

        var page = await PostAsync(app, "outbox", "pause");

        Assert.Contains("<p class=\"notice\" role=\"status\">Queue 'outbox' paused.</p>", page);
        Assert.Matches("""<tr data-queue="outbox">.*<span class="state state-paused">paused</span>.*<button type="submit" name="action" value="resume">Resume outbox</button>""", page);
        Assert.Null(await TakeAsync("worker-1"));

        Assert.Contains("Queue 'outbox' was already paused.", await PostAsync(app, "outbox", "pause"));
        Assert.Contains("Queue 'outbox' resumed.", await PostAsync(app, "outbox", "resume"));
        Assert.Equal(paused.Id, await TakeAsync("worker-1"));
    }

    [Fact]
    public async Task The_address_bar_cannot_put_words_on_the_page()
    {
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/queues?changed=outbox&outcome=was%20hacked%3A%20call%20555");

        Assert.DoesNotContain("hacked", html);
        Assert.DoesNotContain("role=\"status\"", html);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        await EnqueueAsync("mail", "outbox");
        await using var app = await DashboardApp.StartAsync(Database);

        var (status, _) = await DashboardForms.PostAsync(app, "/jobs/queues", [new("queue", "outbox"), new("action", "pause")]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(await TakeAsync("worker-1"));
    }

    [Fact]
    public async Task A_dashboard_of_oneDatabase_pauses_no_queue_since_queues_are_shared()
    {
        await EnqueueAsync("mail", "outbox");
        var scoped = new JobsAdmin(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.Admin = scoped);

        var html = await app.GetPageAsync("/jobs/queues");
        Assert.DoesNotContain("<button", html);
        var (status, body) = await DashboardForms.PostAsync(app, "/jobs/queues",
            [new(DashboardForms.TokenField, DashboardForms.Token(await app.GetPageAsync("/jobs/jobs"))), new("queue", "outbox"), new("action", "pause")]);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("shared by every database id", body);
        Assert.NotNull(await TakeAsync("worker-1"));
    }

    [Fact]
    public async Task A_read_only_dashboard_shows_no_buttons_and_refuses_the_post()
    {
        await EnqueueAsync("mail", "outbox");
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.ReadOnly = true);

        Assert.DoesNotContain("<button", await app.GetPageAsync("/jobs/queues"));
        var (status, _) = await DashboardForms.PostAsync(app, "/jobs/queues", [new("queue", "outbox"), new("action", "pause")]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private async Task<JobRow> EnqueueAsync(string task, string queue) =>
        await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes("{}"), new EnqueueOptions { Queue = queue });

    /// <summary>The id of the job the schema's own get_job hands <paramref name="worker"/>; null when none.</summary>
    private async Task<long?> TakeAsync(string worker)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT coalesce((app_jobs.get_job(worker_id => $1, task_identifiers => NULL)).id, -1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = worker });
        var id = (long)(await command.ExecuteScalarAsync())!;
        return id < 0 ? null : id;
    }

    /// <summary>Presses the queue's button as a browser would (token from the page), following the redirect back.</summary>
    private static async Task<string> PostAsync(DashboardApp app, string queue, string action)
    {
        var token = DashboardForms.Token(await app.GetPageAsync("/jobs/queues"));
        var (status, body) = await DashboardForms.PostAsync(app, "/jobs/queues", [new(DashboardForms.TokenField, token), new("queue", queue), new("action", action)]);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        return body;
    }
}

public sealed class DashboardQueuesTestsOnInstaller(InstallerDashboardDatabase database) : DashboardQueuesTests(database), IClassFixture<InstallerDashboardDatabase>;

public sealed class DashboardQueuesTestsOnPgpm(PgpmDashboardDatabase database) : DashboardQueuesTests(database), IClassFixture<PgpmDashboardDatabase>;
