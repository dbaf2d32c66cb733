using System.Globalization;
using Jobs.Dashboard.Actions;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>The confirmed action, carried out on the jobs as they are now: how many changed, which were left alone and why.</summary>
internal static class ActionResultPage
{
    private const int IdsShown = 50;

    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var form = await context.Http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var (request, error) = ActionRequest.From(form);
        if (request is null)
        {
            return ActionErrorPage.Render(context, error!, null);
        }
        // A filter is read again now: the jobs matching it are those acted on, not those counted.
        var (selection, selectError) = await JobSelection.ReadAsync(context.Admin, request.Target, request.Action, cancellationToken).ConfigureAwait(false);
        if (selection is null)
        {
            return ActionErrorPage.Render(context, selectError!, request.Target);
        }
        ActionReport report;
        try
        {
            report = await ActionReport.ApplyAsync(request.Action, selection, request.Parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return ActionErrorPage.Render(context, JobSelection.Message(ex), request.Target);
        }
        var title = $"{Capitalized(request.Action.Done)} {ActionForms.Jobs(report.Changed.Count)}";
        var main = Html.Of($"""
            <h1>{title}</h1>
            <p class="changed" data-count="{report.Changed.Count}">{Capitalized(request.Action.Done)}: {ActionForms.Jobs(report.Changed.Count)}{IdList(context, report.Changed)}</p>
            {Html.Join(report.LeftAlone.GroupBy(l => l.Reason).Select(group => Html.Of($"""
                <p class="left-alone" data-count="{group.Count()}">Left alone, {group.Key}: {ActionForms.Jobs(group.Count())}{IdList(context, group.Select(l => l.Id).ToList())}</p>
                """)))}
            {Html.If(report.NotFound.Count > 0, Html.Of($"""<p class="not-found" data-count="{report.NotFound.Count}">Not found: {ActionForms.Jobs(report.NotFound.Count)}</p>"""))}
            <p><a href="{BackUrl(context, request.Target)}">Back to the jobs</a>{JobLink(context, request.Target)}</p>
            """);
        return (Layout.Page(context, title, "jobs", main, refresh: false), 200);
    }

    /// <summary>The job list with the filter the action came from.</summary>
    public static string BackUrl(DashboardContext context, ActionTarget target) => context.Url("jobs" + target.Filter.QueryString());

    /// <summary>The link back to the one job an action came from (its page, or a single tick).</summary>
    private static HtmlFragment JobLink(DashboardContext context, ActionTarget target) =>
        target.Ids is [var id]
            ? Html.Of($""" · <a href="{context.Url("jobs/" + id.ToString(CultureInfo.InvariantCulture))}">Job {id}</a>""")
            : HtmlFragment.Empty;

    private static HtmlFragment IdList(DashboardContext context, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return HtmlFragment.Empty;
        }
        var links = Html.Join(ids.Take(IdsShown).Select((id, i) => Html.Of($"""{(i == 0 ? "" : ", ")}<a href="{context.Url("jobs/" + id.ToString(CultureInfo.InvariantCulture))}">{id}</a>""")));
        return Html.Of($""" ({links}{(ids.Count > IdsShown ? $" and {ids.Count - IdsShown} more" : "")})""");
    }

    private static string Capitalized(string text) => string.Concat(text[..1].ToUpperInvariant(), text.AsSpan(1));
}
