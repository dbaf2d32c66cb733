using System.Net;
using System.Text.Json;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Generated;
using Jobs.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Dashboard.Tests;

/// <summary>
/// The Enqueue page: a job enqueued by hand through the app's client, its payload read first by
/// the generated reader when the app handles the task (JSON only otherwise), and every mistake named
/// beside the field with nothing stored.
/// </summary>
public abstract class DashboardEnqueueTests(DashboardDatabase database) : DashboardTest(database)
{
    private static readonly Guid AppDatabaseId = Guid.Parse("1c9e2f4a-7b3d-4e5f-8a6b-0c1d2e3f4a5b");

    [Fact]
    public async Task The_form_offers_the_tasks_this_app_handles_and_the_navigation_links_to_it()
    {
        await using var app = await StartAsync();

        var html = await app.GetPageAsync("/jobs/enqueue");

        Assert.Contains("""<datalist id="known-tasks"><option value="send_invoice"></datalist>""", html);
        Assert.Contains("their payloads are read by the handler&#39;s generated reader before they are stored: send_invoice.", html);
        Assert.Contains("""<a href="/jobs/enqueue" aria-current="page">Enqueue</a>""", html);
        Assert.Contains("""<a href="/jobs/enqueue">Enqueue</a>""", await app.GetPageAsync("/jobs/"));
    }

    [Fact]
    public async Task The_form_shows_the_payload_schema_of_each_task_this_app_handles()
    {
        await using var app = await StartAsync();

        var html = await app.GetPageAsync("/jobs/enqueue");

        var section = System.Text.RegularExpressions.Regex.Match(html, """<details class="payload-schema" data-task="send_invoice">.*?</details>""", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(section.Success, html);
        // The generator's schema, indented, its quotes encoded: the members' JSON names and which are required.
        Assert.Contains("&quot;title&quot;: &quot;send_invoice&quot;", section.Value);
        Assert.Contains("&quot;amount_cents&quot;", section.Value);
        Assert.Contains("&quot;due_at&quot;", section.Value);
    }

    [Fact]
    public async Task A_payload_the_handler_reads_is_enqueued_with_every_option_and_the_browser_is_sent_to_the_job()
    {
        await using var app = await StartAsync();
        const string Payload = """{"customer":"Ada","amount_cents":1250,"due_at":"2026-12-24T18:00:00+00:00"}""";

        var (status, url, html) = await PostAsync(app, Form("send_invoice", Payload,
            ("queue", "billing"), ("priority", "-3"), ("run_at", "2030-01-02T03:04:05"), ("max_attempts", "4"), ("key", "invoice-ada")));

        Assert.Equal(HttpStatusCode.OK, status);
        var job = Assert.Single(await JobsAsync());
        Assert.Equal(app.Url($"/jobs/jobs/{job.Id}?enqueued=handler"), url);
        Assert.Contains("Enqueued. This app's handler read the payload before it was stored.", html);
        Assert.Equal(("send_invoice", "billing", -3, 4, "invoice-ada"), (job.TaskIdentifier, job.QueueName, job.Priority, job.MaxAttempts, job.Key));
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), job.RunAt);
        Assert.Equal(AppDatabaseId, job.DatabaseId);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Payload).RootElement, JsonDocument.Parse(job.Payload.ToString()).RootElement), job.Payload.ToString());
        // What the worker will do with it: the generated reader gives the typed arguments.
        Assert.Equal(new InvoiceArgs("Ada", 1250, new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero)),
            JobsDashboardTestsJobPayloads.DeserializeInvoiceArgs(System.Text.Encoding.UTF8.GetBytes(job.Payload.ToString())));
    }

    [Theory]
    [InlineData("""{"customer":"Ada","amount_cents":"a lot","due_at":"2026-12-24T18:00:00Z"}""", "amount_cents")]
    [InlineData("""{"customer":"Ada","due_at":"2026-12-24T18:00:00Z"}""", "amount_cents")]
    [InlineData("""[1, 2]""", "")]
    public async Task A_payload_the_handler_cannot_read_is_refused_with_the_readers_words_and_nothing_is_stored(string payload, string named)
    {
        await using var app = await StartAsync();

        var (status, _, html) = await PostAsync(app, Form("send_invoice", payload));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches($"""<li data-field="payload">The handler of &#39;send_invoice&#39; cannot read this payload: [^<]*{named}""", html);
        Assert.Contains("Nothing was enqueued:", html);
        // The form comes back as typed.
        Assert.Contains(WebUtility.HtmlEncode(payload).Replace("&#39;", "&#39;", StringComparison.Ordinal), html);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Text_that_is_not_JSON_is_refused_and_shown_again_escaped()
    {
        await using var app = await StartAsync();
        const string Payload = """{"x": </textarea><script>alert(1)</script>""";

        var (status, _, html) = await PostAsync(app, Form("other_service_task", Payload));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("""<li data-field="payload">The payload is not JSON: """, html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task A_task_this_app_does_not_handle_is_checked_as_JSON_only_and_says_so()
    {
        await using var app = await StartAsync();

        var (status, url, html) = await PostAsync(app, Form("other_service_task", """{"anything": [1, "two"]}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        var job = Assert.Single(await JobsAsync());
        Assert.Equal(app.Url($"/jobs/jobs/{job.Id}?enqueued=json"), url);
        Assert.Contains("This app does not handle the task: the payload was checked as JSON only.", html);
    }

    [Fact]
    public async Task Every_field_in_error_is_named_and_nothing_is_stored()
    {
        await using var app = await StartAsync();

        var (status, _, html) = await PostAsync(app, Form("", "{}", ("priority", "high"), ("max_attempts", "0"), ("run_at", "next tuesday")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("""<li data-field="task">Name the task.</li>""", html);
        Assert.Contains("""<li data-field="priority">&#39;high&#39; is not a whole number.</li>""", html);
        Assert.Contains("""<li data-field="max_attempts">Max attempts must be at least 1.</li>""", html);
        Assert.Contains("""<li data-field="run_at">&#39;next tuesday&#39; is not a date and time (UTC)""", html);
        Assert.Contains("""name="priority" value="high" inputmode="numeric" size="6" placeholder="0" aria-invalid="true" """, html);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task A_name_the_client_refuses_is_reported_with_its_message()
    {
        await using var app = await StartAsync();

        var (status, _, html) = await PostAsync(app, Form(new string('t', JobLimits.TaskIdentifierMaxExclusive), "{}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches("""<li data-field="[^"]*">[^<]*127[^<]*</li>""", html);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task A_read_only_dashboard_offers_no_enqueueing_and_refuses_the_post()
    {
        await using var app = await StartAsync(options => options.ReadOnly = true);

        Assert.DoesNotContain("/jobs/enqueue", await app.GetPageAsync("/jobs/"));
        using var page = await app.Client.GetAsync("/jobs/enqueue");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        using var post = await app.Client.PostAsync("/jobs/enqueue", new FormUrlEncodedContent([new("task", "send_invoice"), new("payload", "{}")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_enqueues_nothing()
    {
        await using var app = await StartAsync();

        using var post = await app.Client.PostAsync("/jobs/enqueue", new FormUrlEncodedContent([new("task", "send_invoice"), new("payload", "{}")]));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Without_a_client_in_the_options_the_apps_registered_client_enqueues()
    {
        await using var app = await DashboardApp.StartAsync(Database, services: services => services.AddJobsDashboardTestsJobHandlers(),
            jobs: options => options.DatabaseId = AppDatabaseId);

        var (status, url, html) = await PostAsync(app, Form("send_invoice", """{"customer":"Ada","amount_cents":1,"due_at":"2026-12-24T18:00:00Z"}"""));

        Assert.True(status == HttpStatusCode.OK, html);
        var job = Assert.Single(await JobsAsync());
        Assert.Equal(app.Url($"/jobs/jobs/{job.Id}?enqueued=handler"), url);
        Assert.Equal(AppDatabaseId, job.DatabaseId);
    }

    [Fact]
    public async Task A_dashboard_scoped_to_one_database_id_enqueues_with_that_id()
    {
        await using var app = await StartAsync(options => options.Admin = new JobsAdmin(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId }));

        var (status, _, html) = await PostAsync(app, Form("other_service_task", "{}"));

        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Equal(DatabaseId, Assert.Single(await JobsAsync()).DatabaseId);
    }

    [Fact]
    public async Task An_app_client_without_a_database_id_is_reported_and_nothing_is_stored()
    {
        await using var app = await DashboardApp.StartAsync(Database);

        var (status, _, html) = await PostAsync(app, Form("other_service_task", "{}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("No database id: set JobsClientOptions.DatabaseId or EnqueueOptions.DatabaseId", html);
        Assert.Empty(await JobsAsync());
    }

    /// <summary>The app: this assembly's handlers registered, the dashboard enqueueing through a client of its own database id.</summary>
    private Task<DashboardApp> StartAsync(Action<JobsDashboardOptions>? configure = null) =>
        DashboardApp.StartAsync(Database, services: services => services.AddJobsDashboardTestsJobHandlers(), configure: options =>
        {
            options.Client = new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = AppDatabaseId });
            configure?.Invoke(options);
        });

    private async Task<List<JobRow>> JobsAsync() => await new JobsAdmin(Database.DataSource).ListAsync();

    private static List<KeyValuePair<string, string>> Form(string task, string payload, params (string Name, string Value)[] more) =>
        [new("task", task), new("payload", payload), .. more.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))];

    /// <summary>Posts the form with the page's token, as a browser would, following the redirect: the final status, URL and page.</summary>
    private static async Task<(HttpStatusCode Status, string Url, string Html)> PostAsync(DashboardApp app, List<KeyValuePair<string, string>> fields)
    {
        var token = DashboardForms.Token(await app.GetPageAsync("/jobs/enqueue"));
        using var response = await app.Client.PostAsync("/jobs/enqueue", new FormUrlEncodedContent([new(DashboardForms.TokenField, token), .. fields]));
        return (response.StatusCode, response.RequestMessage!.RequestUri!.ToString(), await response.Content.ReadAsStringAsync());
    }
}

public sealed class DashboardEnqueueTestsOnInstaller(InstallerDashboardDatabase database) : DashboardEnqueueTests(database), IClassFixture<InstallerDashboardDatabase>;

public sealed class DashboardEnqueueTestsOnPgpm(PgpmDashboardDatabase database) : DashboardEnqueueTests(database), IClassFixture<PgpmDashboardDatabase>;
