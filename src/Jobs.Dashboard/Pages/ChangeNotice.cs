using Jobs.Dashboard.Rendering;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// Post, then redirect, then say what happened: a page's button POSTs, the answer sends the browser
/// back to the page (a GET, so reloading does not post again) with what changed and an outcome
/// code, and the page words the code. Only known codes are worded: the address bar cannot put
/// words on the page.
/// </summary>
internal sealed class ChangeNotice(string page, IReadOnlyDictionary<string, string> outcomes)
{
    /// <summary>The redirect back to the page after <paramref name="changed"/> met <paramref name="code"/>.</summary>
    public IResult Redirect(DashboardContext context, string changed, string code) =>
        Results.Redirect(context.Url($"{page}?changed={Uri.EscapeDataString(changed)}&outcome={Uri.EscapeDataString(code)}"));

    /// <summary>The notice for the request's outcome, naming the thing with <paramref name="name"/>; nothing without one.</summary>
    public HtmlFragment Render(DashboardContext context, Func<string, HtmlFragment> name)
    {
        var query = context.Http.Request.Query;
        var changed = query.TryGetValue("changed", out var value) ? value.ToString() : null;
        var outcome = query.TryGetValue("outcome", out var code) ? outcomes.GetValueOrDefault(code.ToString()) : null;
        return changed is null || outcome is null
            ? HtmlFragment.Empty
            : Html.Of($"""<p class="notice" role="status">{name(changed)} {outcome}.</p>""");
    }
}
