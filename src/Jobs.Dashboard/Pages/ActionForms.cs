using Jobs.Dashboard.Actions;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>The markup the action forms share: the antiforgery field, hidden fields, the actions' inputs and buttons.</summary>
internal static class ActionForms
{
    /// <summary>The hidden field with this request's antiforgery token (its cookie is set on the response too).</summary>
    public static HtmlFragment Token(DashboardContext context)
    {
        var tokens = context.Antiforgery!.GetAndStoreTokens(context.Http);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    public static HtmlFragment Hidden(IEnumerable<(string Name, string Value)> fields) =>
        Html.Join(fields.Select(field => Html.Of($"""<input type="hidden" name="{field.Name}" value="{field.Value}">""")));

    /// <summary>The inputs of the actions that take one, then a button per action: each button submits its action.</summary>
    public static HtmlFragment Controls() => Html.Of($"""
        <div class="action-inputs">
        <label>Reason (fail) <input name="reason" autocomplete="off" placeholder="optional"></label>
        <label>Run at, UTC (reschedule; empty: now) <input type="datetime-local" name="run_at" step="1"></label>
        <label>Locks older than (unlock) <input name="older_than" value="{ActionParameters.DefaultOlderThanText}" size="6" autocomplete="off"></label>
        </div>
        <div class="action-buttons">
        {Html.Join(DashboardAction.All.Select(action => Html.Of($"""<button type="submit" name="action" value="{action.Name}">{action.Label}</button>""")))}
        </div>
        """);

    /// <summary>"1 job", "37 jobs".</summary>
    public static string Jobs(long count) => count == 1 ? "1 job" : $"{Format.Count(count)} jobs";
}
