using System.Net;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real ASP.NET Core app on Kestrel (127.0.0.1, a free port) with the dashboard mapped at /jobs
/// over a test database. A request can pose as coming from another machine with the
/// <see cref="RemoteAddressHeader"/> header, which a middleware of this test app (never of the
/// dashboard) turns into the connection's remote address.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplication _app;

    private DashboardApp(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    /// <summary>A client whose base address is the app's root.</summary>
    public HttpClient Client { get; }

    /// <summary>The app's root, for example http://127.0.0.1:40123/.</summary>
    public Uri Root => Client.BaseAddress!;

    /// <summary>The absolute URL of <paramref name="path"/> (for example "/jobs/jobs?state=failed").</summary>
    public string Url(string path) => new Uri(Root, path).ToString();

    /// <summary>GETs <paramref name="url"/>, asserts a 200 HTML page, and returns its markup.</summary>
    public async Task<string> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}\n{html}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return html;
    }

    /// <param name="database">The database the dashboard shows.</param>
    /// <param name="map">Maps the dashboard; default <c>app.MapJobsDashboard("/jobs")</c>.</param>
    /// <param name="configure">Dashboard options.</param>
    /// <param name="addDashboardServices">Whether the app calls <c>AddJobsDashboard()</c> (antiforgery); default true.</param>
    /// <param name="services">More of the app's services (its job handlers, say).</param>
    /// <param name="jobs">The options of the app's <c>AddJobs</c> (its database id, say).</param>
    public static async Task<DashboardApp> StartAsync(TestDatabase database, Action<WebApplication>? map = null, Action<JobsDashboardOptions>? configure = null,
        bool addDashboardServices = true, Action<IServiceCollection>? services = null, Action<JobsClientOptions>? jobs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddJobs(database.ConnectionString, jobs);
        if (addDashboardServices)
        {
            builder.Services.AddJobsDashboard();
        }
        services?.Invoke(builder.Services);
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("anyone", p => p.RequireAssertion(_ => true));
            o.AddPolicy("nobody", p => p.RequireAssertion(_ => false));
        });
        var app = builder.Build();
        try
        {
            return await StartAsync(app, map, configure);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<DashboardApp> StartAsync(WebApplication app, Action<WebApplication>? map, Action<JobsDashboardOptions>? configure)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }
            return next(context);
        });
        app.UseRouting();
        app.UseAuthorization();
        if (map is null)
        {
            app.MapJobsDashboard("/jobs", configure);
        }
        else
        {
            map(app);
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Cookies kept, as a browser keeps them: the antiforgery token of a form pairs with its cookie.
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        return new DashboardApp(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
