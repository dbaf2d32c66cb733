using Jobs.Dashboard.Actions;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>An action's form that cannot be carried out: why, and the way back. Nothing was changed.</summary>
internal static class ActionErrorPage
{
    public static (HtmlFragment Page, int Status) Render(DashboardContext context, string error, ActionTarget? target)
    {
        var main = Html.Of($"""
            <h1>Nothing changed</h1>
            <p class="error" role="alert">{error}</p>
            <p><a href="{(target is null ? context.Url("jobs") : ActionResultPage.BackUrl(context, target))}">Back to the jobs</a></p>
            """);
        return (Layout.Page(context, "Nothing changed", "jobs", main, refresh: false), 400);
    }
}
