using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Security;

/// <summary>
/// Secure by default. Until the app puts an authorization policy on the dashboard
/// (<c>MapJobsDashboard(...).RequireAuthorization("ops")</c>), only requests from this machine are
/// served: a release that forgot the policy shows the queue to no one else (Hangfire's
/// GHSA-7rq6-7gv8-c37h served its dashboard to everyone). Every answer also carries headers that
/// keep a page from running script it did not ship or being framed by another site.
/// </summary>
internal static class DashboardAccessFilter
{
    /// <summary>No inline script or style, nothing from another origin, no framing, forms only to the dashboard itself.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (!HasAuthorizationPolicy(http) && !IsLocal(http.Connection))
        {
            return Results.Text(
                "The Jobs dashboard answers only requests from this machine until the app sets an authorization policy on it: " +
                "app.MapJobsDashboard(\"/jobs\").RequireAuthorization(\"policy\").",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether the app required authorization on the endpoint (and did not also allow anonymous access to it).</summary>
    private static bool HasAuthorizationPolicy(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        return metadata is not null
            && metadata.GetMetadata<IAuthorizeData>() is not null
            && metadata.GetMetadata<IAllowAnonymous>() is null;
    }

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
