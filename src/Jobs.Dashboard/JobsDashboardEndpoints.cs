using Jobs.Dashboard.Pages;
using Jobs.Dashboard.Rendering;
using Jobs.Dashboard.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Dashboard;

/// <summary>Mounts the dashboard in an ASP.NET Core app.</summary>
public static class JobsDashboardEndpoints
{
    /// <summary>
    /// Serves the dashboard under <paramref name="prefix"/>. Returns the endpoints' convention
    /// builder: <c>.RequireAuthorization("ops")</c> puts them behind the app's own policy, and only
    /// then are requests from other machines served.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">Where the dashboard lives, for example "/jobs".</param>
    /// <param name="configure">Options; by default the pages read through the <see cref="JobsAdmin"/> that <c>AddJobs</c> registered.</param>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/jobs", Action<JobsDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var options = new JobsDashboardOptions();
        configure?.Invoke(options);
        var admin = options.Admin ?? endpoints.ServiceProvider.GetService<JobsAdmin>()
            ?? throw new InvalidOperationException("The Jobs dashboard needs a JobsAdmin: call services.AddJobs(...) or set JobsDashboardOptions.Admin.");
        var root = "/" + prefix.Trim('/');

        var group = endpoints.MapGroup(root);
        group.AddEndpointFilter(DashboardAccessFilter.InvokeAsync);
        group.MapGet("/", async (HttpContext http, CancellationToken cancellationToken) =>
            Page(await OverviewPage.RenderAsync(Context(http), cancellationToken).ConfigureAwait(false), 200));
        group.MapGet("/jobs", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var (page, status) = await JobListPage.RenderAsync(Context(http), cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        group.MapGet("/jobs/{id:long}", async (HttpContext http, long id, CancellationToken cancellationToken) =>
        {
            var (page, status) = await JobDetailPage.RenderAsync(Context(http), id, cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        group.MapGet("/assets/{name}", (string name) => DashboardAssets.Serve(name));
        return group;

        DashboardContext Context(HttpContext http) => new(options, admin, http, root);
    }

    private static IResult Page(HtmlFragment page, int status) =>
        Results.Content(page.Markup, "text/html; charset=utf-8", statusCode: status);
}
