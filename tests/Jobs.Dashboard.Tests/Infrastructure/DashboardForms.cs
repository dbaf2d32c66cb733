using System.Net;
using System.Text.RegularExpressions;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>Reads forms out of the dashboard's pages and posts them, as a browser would.</summary>
public static partial class DashboardForms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of the first form on <paramref name="html"/>.</summary>
    public static string Token(string html)
    {
        var match = Regex.Match(html, $"""<input type="hidden" name="{TokenField}" value="([^"]+)">""");
        Assert.True(match.Success, "no antiforgery field on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The action URL and hidden fields of the confirmation's form.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields) ConfirmForm(string html)
    {
        var form = Regex.Match(html, """<form method="post" action="([^"]+)" class="confirm">(.*?)</form>""", RegexOptions.Singleline);
        Assert.True(form.Success, "no confirmation form on the page:\n" + html);
        var fields = Regex.Matches(form.Groups[2].Value, """<input type="hidden" name="([^"]+)" value="([^"]*)">""")
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToList();
        return (WebUtility.HtmlDecode(form.Groups[1].Value), fields);
    }

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(DashboardApp app, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await app.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
