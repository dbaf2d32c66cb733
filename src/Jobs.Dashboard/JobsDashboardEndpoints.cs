using Jobs.Dashboard.Enqueueing;
using Jobs.Dashboard.Pages;
using Jobs.Dashboard.Rendering;
using Jobs.Dashboard.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
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
    /// <remarks>
    /// The actions (retry, fail, delete, reschedule, unlock) are POSTs validated by ASP.NET Core's
    /// antiforgery: call <see cref="JobsDashboardServiceCollectionExtensions.AddJobsDashboard"/>
    /// (or <c>AddAntiforgery</c>) first, unless <see cref="JobsDashboardOptions.ReadOnly"/> is set.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// No <see cref="JobsAdmin"/>; or the dashboard can act and no antiforgery services are
    /// registered; or <see cref="JobsDashboardOptions.OperatorPolicy"/> is set without authorization services.
    /// </exception>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/jobs", Action<JobsDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var options = new JobsDashboardOptions();
        configure?.Invoke(options);
        var admin = options.Admin ?? endpoints.ServiceProvider.GetService<JobsAdmin>()
            ?? throw new InvalidOperationException("The Jobs dashboard needs a JobsAdmin: call services.AddJobs(...) or set JobsDashboardOptions.Admin.");
        var antiforgery = options.ReadOnly ? null : endpoints.ServiceProvider.GetService<IAntiforgery>()
            ?? throw new InvalidOperationException(
                "The Jobs dashboard protects its actions with antiforgery tokens: call services.AddJobsDashboard() (or services.AddAntiforgery()), " +
                "or set JobsDashboardOptions.ReadOnly to serve it without actions.");
        if (options.OperatorPolicy is not null && endpoints.ServiceProvider.GetService<IAuthorizationService>() is null)
        {
            throw new InvalidOperationException(
                $"JobsDashboardOptions.OperatorPolicy is '{options.OperatorPolicy}' but no authorization services are registered: call services.AddAuthorization(...) and add the policy.");
        }
        var root = "/" + prefix.Trim('/');

        // The app's own handlers (AddJobs and the generated Add...JobHandlers register them) check
        // the payloads of their tasks on the Enqueue page.
        var client = options.ReadOnly ? null : options.Client ?? endpoints.ServiceProvider.GetService<JobsClient>();
        var enqueuer = client is null ? null : new DashboardEnqueuer(client, endpoints.ServiceProvider.GetServices<IJobDispatcher>());
        var overview = new OverviewSnapshots(admin, options.OverviewMaxAge, TimeProvider.System);
        var group = endpoints.MapGroup(root);
        group.AddEndpointFilter(DashboardAccessFilter.InvokeAsync);
        group.MapGet("/", async (HttpContext http, CancellationToken cancellationToken) =>
            Page(await OverviewPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), overview, cancellationToken).ConfigureAwait(false), 200));
        group.MapGet("/jobs", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var (page, status) = await JobListPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        group.MapGet("/jobs/{id:long}", async (HttpContext http, long id, CancellationToken cancellationToken) =>
        {
            var (page, status) = await JobDetailPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), id, cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        // An action is two POSTs: the first asks (how many jobs, which left alone), the second acts.
        group.MapPost("/actions", (HttpContext http, CancellationToken cancellationToken) =>
            ActAsync(http, ActionConfirmPage.RenderAsync, cancellationToken));
        group.MapPost("/actions/confirm", (HttpContext http, CancellationToken cancellationToken) =>
            ActAsync(http, ActionResultPage.RenderAsync, cancellationToken));
        group.MapGet("/queues", async (HttpContext http, CancellationToken cancellationToken) =>
            Page(await QueuesPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), 200));
        group.MapPost("/queues", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var context = await ContextAsync(http).ConfigureAwait(false);
            return await ActionGuard.RefuseAsync(context).ConfigureAwait(false) ?? await QueuesPage.ChangeAsync(context, cancellationToken).ConfigureAwait(false);
        });
        group.MapGet("/schedules", async (HttpContext http, CancellationToken cancellationToken) =>
            Page(await SchedulesPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), 200));
        group.MapPost("/schedules", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var context = await ContextAsync(http).ConfigureAwait(false);
            return await ActionGuard.RefuseAsync(context).ConfigureAwait(false) ?? await SchedulesPage.ChangeAsync(context, cancellationToken).ConfigureAwait(false);
        });
        group.MapGet("/history", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var (page, status) = await HistoryPage.RenderAsync(await ContextAsync(http).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        group.MapGet("/history/{id:long}", async (HttpContext http, long id, CancellationToken cancellationToken) =>
        {
            var (page, status) = await HistoryPage.RenderRecordAsync(await ContextAsync(http).ConfigureAwait(false), id, cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        });
        group.MapGet("/enqueue", async (HttpContext http) =>
        {
            var context = await ContextAsync(http).ConfigureAwait(false);
            return context.Enqueuer is { } enqueue ? Page(EnqueuePage.Render(context, enqueue), 200) : NoEnqueuing(context);
        });
        group.MapPost("/enqueue", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var context = await ContextAsync(http).ConfigureAwait(false);
            if (await ActionGuard.RefuseAsync(context).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
            if (context.Enqueuer is not { } enqueue)
            {
                return NoEnqueuing(context);
            }
            var (redirect, page) = await EnqueuePage.EnqueueAsync(context, enqueue, cancellationToken).ConfigureAwait(false);
            return redirect ?? Page(page, 400);
        });
        group.MapGet("/assets/{name}", (string name) => DashboardAssets.Serve(name));
        return group;

        Task<DashboardContext> ContextAsync(HttpContext http) => DashboardContext.CreateAsync(options, admin, http, root, antiforgery, enqueuer);

        async Task<IResult> ActAsync(HttpContext http, Func<DashboardContext, CancellationToken, Task<(HtmlFragment Page, int Status)>> render, CancellationToken cancellationToken)
        {
            var context = await ContextAsync(http).ConfigureAwait(false);
            if (await ActionGuard.RefuseAsync(context).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
            var (page, status) = await render(context, cancellationToken).ConfigureAwait(false);
            return Page(page, status);
        }
    }

    private static IResult NoEnqueuing(DashboardContext context) => Results.Text(
        context.Options.ReadOnly ? "The Jobs dashboard is read-only (JobsDashboardOptions.ReadOnly): it enqueues no jobs."
            : !context.CanAct ? "Enqueueing takes the dashboard's operator policy, which this user does not satisfy."
            : "The Jobs dashboard has no JobsClient to enqueue with: call services.AddJobs(...) or set JobsDashboardOptions.Client.",
        "text/plain; charset=utf-8", statusCode: context.Options.ReadOnly || !context.CanAct ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);

    private static IResult Page(HtmlFragment page, int status) =>
        Results.Content(page.Markup, "text/html; charset=utf-8", statusCode: status);
}
