using Jobs.Dashboard.Enqueueing;
using Jobs.Dashboard.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard;

/// <summary>What a page needs for one request: the options, the admin it reads through, and its own URLs.</summary>
internal sealed class DashboardContext(JobsDashboardOptions options, JobsAdmin admin, HttpContext http, string prefix, IAntiforgery? antiforgery, bool canAct, DashboardEnqueuer? enqueuer)
{
    public JobsDashboardOptions Options { get; } = options;

    public JobsAdmin Admin { get; } = admin;

    public HttpContext Http { get; } = http;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>Whether this user may act on jobs: the pages render the action forms only then.</summary>
    public bool CanAct { get; } = canAct;

    /// <summary>What the Enqueue page enqueues through; null when this user may not enqueue (or the app registered no client).</summary>
    public DashboardEnqueuer? Enqueuer { get; } = canAct ? enqueuer : null;

    /// <summary>Validates the actions' POSTs and issues their tokens; null when the dashboard is read-only.</summary>
    public IAntiforgery? Antiforgery { get; } = antiforgery;

    /// <summary>The context of a request, with what the user may do decided once.</summary>
    public static async Task<DashboardContext> CreateAsync(JobsDashboardOptions options, JobsAdmin admin, HttpContext http, string prefix, IAntiforgery? antiforgery, DashboardEnqueuer? enqueuer) =>
        new(options, admin, http, prefix, antiforgery, await ActionGuard.CanActAsync(options, http).ConfigureAwait(false), enqueuer);

    /// <summary>The dashboard's URL for <paramref name="path"/> (relative to its root, no leading slash), under the app's path base.</summary>
    public string Url(string path) => $"{Http.Request.PathBase}{prefix}/{path}";
}
