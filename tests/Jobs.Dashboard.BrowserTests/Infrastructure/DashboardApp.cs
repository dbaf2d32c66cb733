using System.Net;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// (As in Jobs.Dashboard.Tests.) A real ASP.NET Core app on Kestrel (127.0.0.1, a free port) with the dashboard mapped at /jobs
/// over a test database. A request can pose as coming from another machine with the
/// <see cref="RemoteAddressHeader"/> header, which a middleware of this test app (never of the
/// dashboard) turns into the connection's remote address.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplication _app;

    private DashboardApp(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The app's root, for example http://127.0.0.1:40123/.</summary>
    public Uri Root { get; }

    /// <summary>The absolute URL of <paramref name="path"/> (for example "/jobs/jobs?state=failed").</summary>
    public string Url(string path) => new Uri(Root, path).ToString();

    /// <param name="database">The database the dashboard shows.</param>
    /// <param name="map">Maps the dashboard; default <c>app.MapJobsDashboard("/jobs")</c>.</param>
    /// <param name="configure">Dashboard options.</param>
    public static async Task<DashboardApp> StartAsync(TestDatabase database, Action<WebApplication>? map = null, Action<JobsDashboardOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddJobs(database.ConnectionString);
        builder.Services.AddJobsDashboard();
        builder.Services.AddAuthorization(o => o.AddPolicy("anyone", p => p.RequireAssertion(_ => true)));
        var app = builder.Build();
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
        return new DashboardApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
