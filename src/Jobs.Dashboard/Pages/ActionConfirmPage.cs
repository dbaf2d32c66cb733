using Jobs.Dashboard.Actions;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// The question before an action: what it is, how many jobs it would change now, which it would
/// leave alone, and a button that confirms (a POST carrying the same choice on).
/// </summary>
internal static class ActionConfirmPage
{
    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var form = await context.Http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var (request, error) = ActionRequest.From(form);
        if (request is null)
        {
            return ActionErrorPage.Render(context, error!, null);
        }
        var (selection, selectError) = await JobSelection.ReadAsync(context.Admin, request.Target, request.Action, cancellationToken).ConfigureAwait(false);
        if (selection is null)
        {
            return ActionErrorPage.Render(context, selectError!, request.Target);
        }
        var now = DateTimeOffset.UtcNow;
        var forecast = selection.Found.Select(job => (job.Id, Reason: request.Action.WhyLeftAlone(job, request.Parameters, now))).ToList();
        var changing = forecast.Count(f => f.Reason is null);
        var question = $"{request.Action.Verb} {ActionForms.Jobs(changing)}?";
        var main = Html.Of($"""
            <h1>{question}</h1>
            <p class="confirm-summary" data-count="{changing}">{Summary(request, changing)}</p>
            {Html.Join(forecast.Where(f => f.Reason is not null).GroupBy(f => f.Reason!).Select(group => Html.Of($"""
                <p class="left-alone">{ActionForms.Jobs(group.Count())} will be left alone ({group.Key}).</p>
                """)))}
            {Html.If(selection.NotFound.Count > 0, Html.Of($"""<p class="not-found">Not found: {ActionForms.Jobs(selection.NotFound.Count)} (finished, deleted, or never existed).</p>"""))}
            {(changing > 0 ? ConfirmForm(context, request, question.TrimEnd('?')) : HtmlFragment.Empty)}
            <p><a href="{ActionResultPage.BackUrl(context, request.Target)}">Back to the jobs, changing nothing</a></p>
            """);
        return (Layout.Page(context, question, "jobs", main, refresh: false), 200);
    }

    private static HtmlFragment ConfirmForm(DashboardContext context, ActionRequest request, string label) => Html.Of($"""
        <form method="post" action="{context.Url("actions/confirm")}" class="confirm">
        {ActionForms.Token(context)}
        {ActionForms.Hidden(request.Fields())}
        <button type="submit">{label}</button>
        </form>
        """);

    private static string Summary(ActionRequest request, int changing)
    {
        var jobs = request.Target.AllMatching ? "jobs matching the filter" : "selected jobs";
        var what = request.Action == DashboardAction.Reschedule
            ? request.Parameters.RunAt is { } runAt ? $" to run at {Format.Time(runAt)}" : " to run now"
            : request.Action == DashboardAction.Fail
                ? request.Parameters.Reason is { } reason ? $" with the reason \"{reason}\"" : ""
                : request.Action == DashboardAction.Unlock ? $" (locks at least {Format.Age(request.Parameters.OlderThan)} old)" : "";
        return $"{changing} of the {jobs} will be {request.Action.Done}{what}.";
    }
}
