namespace Jobs.Dashboard.Rendering;

/// <summary>The page around every view: head, navigation, and the main element that live refresh replaces.</summary>
internal static class Layout
{
    // refresh: false for the answers to a POST, which fetching their URL again would not show again.
    public static HtmlFragment Page(DashboardContext context, string title, string section, HtmlFragment main, bool refresh = true) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · {context.Options.Title}</title>
        <link rel="stylesheet" href="{context.Url("assets/dashboard.css")}">
        <script src="{context.Url("assets/dashboard.js")}" defer></script>
        </head>
        <body data-refresh-ms="{(refresh ? (long)context.Options.RefreshInterval.TotalMilliseconds : 0)}">
        <header>
        <a class="brand" href="{context.Url("")}">{context.Options.Title}</a>
        <nav aria-label="Sections">
        {Link(context, "", "Overview", section)}
        {Link(context, "jobs", "Jobs", section)}
        {Link(context, "queues", "Queues", section)}
        {Link(context, "schedules", "Schedules", section)}
        {Link(context, "history", "History", section)}
        {(context.Enqueuer is null ? HtmlFragment.Empty : Link(context, "enqueue", "Enqueue", section))}
        </nav>
        </header>
        <main id="main">
        {main}
        </main>
        </body>
        </html>
        """);

    private static HtmlFragment Link(DashboardContext context, string path, string label, string section) =>
        path == section
            ? Html.Of($"""<a href="{context.Url(path)}" aria-current="page">{label}</a>""")
            : Html.Of($"""<a href="{context.Url(path)}">{label}</a>""");
}
