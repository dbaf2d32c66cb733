using System.Net;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;

namespace Jobs.Dashboard.Tests;

/// <summary>Secure by default: loopback only until the app sets a policy, and headers that keep foreign script out.</summary>
public sealed class DashboardSecurityTests : IAsyncLifetime
{
    private static readonly string[] Urls = ["/jobs/", "/jobs/jobs", "/jobs/jobs?state=failed", "/jobs/jobs/1", "/jobs/assets/dashboard.css", "/jobs/assets/dashboard.js"];

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await (await JobsTemplates.Installer()).CloneAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Without_a_policy_a_request_from_another_machine_is_refused_and_says_how_to_allow_it()
    {
        await using var app = await DashboardApp.StartAsync(_database);

        foreach (var url in Urls)
        {
            using var remote = await RemoteGetAsync(app, url, "203.0.113.7");
            Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
            Assert.Contains(".RequireAuthorization(", await remote.Content.ReadAsStringAsync());
            Assert.DoesNotContain("<html", await remote.Content.ReadAsStringAsync());
        }
        using var local = await app.Client.GetAsync("/jobs/");
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        using var ipv6Loopback = await RemoteGetAsync(app, "/jobs/", "::1");
        Assert.Equal(HttpStatusCode.OK, ipv6Loopback.StatusCode);
    }

    [Fact]
    public async Task With_the_apps_policy_other_machines_are_served_as_the_policy_decides()
    {
        await using var app = await DashboardApp.StartAsync(_database, map: a => a.MapJobsDashboard("/jobs").RequireAuthorization("anyone"));

        using var remote = await RemoteGetAsync(app, "/jobs/", "203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, remote.StatusCode);
    }

    [Fact]
    public async Task A_policy_together_with_allow_anonymous_still_serves_only_this_machine()
    {
        await using var app = await DashboardApp.StartAsync(_database, map: a => a.MapJobsDashboard("/jobs").RequireAuthorization("anyone").AllowAnonymous());

        using var remote = await RemoteGetAsync(app, "/jobs/", "203.0.113.7");

        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
    }

    [Fact]
    public async Task Every_answer_forbids_inline_and_foreign_script_framing_and_sniffing()
    {
        await using var app = await DashboardApp.StartAsync(_database);

        foreach (var url in Urls)
        {
            using var response = await app.Client.GetAsync(url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task Pages_load_only_the_dashboards_own_assets_which_are_embedded()
    {
        await using var app = await DashboardApp.StartAsync(_database);

        var html = await app.Client.GetStringAsync("/jobs/");
        var references = Regex.Matches(html, @"(?:src|href)=""([^""]+)""").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.StartsWith("/jobs/", reference));
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotMatch("<script>", html);

        using var css = await app.Client.GetAsync("/jobs/assets/dashboard.css");
        Assert.Equal("text/css; charset=utf-8", css.Content.Headers.ContentType?.ToString());
        Assert.Contains("font", await css.Content.ReadAsStringAsync());
        using var js = await app.Client.GetAsync("/jobs/assets/dashboard.js");
        Assert.Equal("text/javascript; charset=utf-8", js.Content.Headers.ContentType?.ToString());
        Assert.Contains("visibilityState", await js.Content.ReadAsStringAsync());
        using var missing = await app.Client.GetAsync("/jobs/assets/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static Task<HttpResponseMessage> RemoteGetAsync(DashboardApp app, string url, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(DashboardApp.RemoteAddressHeader, address);
        return app.Client.SendAsync(request);
    }
}
