using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard;

/// <summary>What a page needs for one request: the options, the admin it reads through, and its own URLs.</summary>
internal sealed class DashboardContext(JobsDashboardOptions options, JobsAdmin admin, HttpContext http, string prefix)
{
    public JobsDashboardOptions Options { get; } = options;

    public JobsAdmin Admin { get; } = admin;

    public HttpContext Http { get; } = http;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>The dashboard's URL for <paramref name="path"/> (relative to its root, no leading slash), under the app's path base.</summary>
    public string Url(string path) => $"{Http.Request.PathBase}{prefix}/{path}";
}
