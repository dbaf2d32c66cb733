using System.Net;
using System.Security.Claims;
using Jobs.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Cli.Dashboard;

/// <summary>
/// The dashboard on its own Kestrel, for <c>jobs dashboard</c>. A browser gets in once, through
/// the printed URL's one-time token, which trades for a session cookie (HttpOnly, SameSite=Strict,
/// keys in memory: it dies with the process). The dashboard is mapped behind a policy that wants
/// that cookie, so it also answers other machines when <c>--urls</c> listens beyond loopback.
/// </summary>
internal sealed class StandaloneDashboard : IAsyncDisposable
{
    public const string Path = "/jobs";
    private const string Policy = "jobs-dashboard-session";
    private const string TokenParameter = "token";

    private readonly WebApplication _app;

    private StandaloneDashboard(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL to open: the dashboard with the one-time token.</summary>
    public string Url { get; }

    public static async Task<StandaloneDashboard> StartAsync(JobsAdmin admin, JobsClient client, string urls, CancellationToken cancellationToken)
    {
        var token = new OneTimeToken();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddJobsDashboard();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "jobs_dashboard";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("Open the URL that `jobs dashboard` printed: its one-time token signs this browser in.");
            };
        });
        builder.Services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser()));
        var app = builder.Build();
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // The printed URL: trade its token for the session cookie, then drop it from the address bar.
            if (context.Request.Query.TryGetValue(TokenParameter, out var presented) && token.TryRedeem(presented.ToString()))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "jobs dashboard")], CookieAuthenticationDefaults.AuthenticationScheme);
                await context.SignInAsync(new ClaimsPrincipal(identity)).ConfigureAwait(false);
                context.Response.Redirect(context.Request.PathBase + context.Request.Path);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.UseAuthorization();
        app.MapJobsDashboard(Path, options =>
        {
            options.Admin = admin;
            // No handlers here: the Enqueue page checks payloads as JSON only.
            options.Client = client;
        }).RequireAuthorization(Policy);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StandaloneDashboard(app, $"{BrowsableAddress(address)}{Path}/?{TokenParameter}={token.Value}");
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> (Ctrl+C), then stops serving.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>An address a browser can open: a wildcard host ("0.0.0.0", "[::]", "+", "*") becomes localhost.</summary>
    private static string BrowsableAddress(string address)
    {
        var uri = new Uri(address.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal));
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
