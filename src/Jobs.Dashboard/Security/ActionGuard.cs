using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Dashboard.Security;

/// <summary>
/// Who may change jobs: nobody when the dashboard is read-only; with an operator policy, only
/// users it admits (the dashboard's own policy lets them see, not act); and every POST must
/// carry the antiforgery token of a page the dashboard served, so another site cannot make a
/// signed-in operator's browser act.
/// </summary>
internal static class ActionGuard
{
    public static async Task<bool> CanActAsync(JobsDashboardOptions options, HttpContext http)
    {
        if (options.ReadOnly)
        {
            return false;
        }
        if (options.OperatorPolicy is not { } policy)
        {
            return true;
        }
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, policy).ConfigureAwait(false)).Succeeded;
    }

    /// <summary>The answer refusing this POST (403, or 400 for a missing or invalid token), or null when it may go on.</summary>
    public static async Task<IResult?> RefuseAsync(DashboardContext context)
    {
        if (context.Options.ReadOnly)
        {
            return Refusal("The Jobs dashboard is read-only (JobsDashboardOptions.ReadOnly): it changes no jobs.", StatusCodes.Status403Forbidden);
        }
        if (!context.CanAct)
        {
            return Refusal("Changing jobs takes the dashboard's operator policy, which this user does not satisfy.", StatusCodes.Status403Forbidden);
        }
        try
        {
            await context.Antiforgery!.ValidateRequestAsync(context.Http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Refusal("The form's antiforgery token is missing or not valid: reload the page and try again. Nothing was changed.", StatusCodes.Status400BadRequest);
        }
        return null;
    }

    private static IResult Refusal(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
