using System.Globalization;
using Jobs.Dashboard.Rendering;
using static Jobs.Dashboard.Rendering.DetailFields;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// The history of completed jobs, when it is installed (<c>jobs migrate --history</c>): completions
/// per minute over the last hour, then the completed jobs, newest first, a page at a time (keyset
/// paging on completion time and id), and one record's detail.
/// </summary>
internal static class HistoryPage
{
    private const int ChartIntervals = 60;
    private static readonly TimeSpan ChartInterval = TimeSpan.FromMinutes(1);

    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        if (await UnavailableAsync(context, cancellationToken).ConfigureAwait(false) is { } unavailable)
        {
            return (Layout.Page(context, "History", "history", unavailable), 200);
        }
        var query = context.Http.Request.Query;
        string? task = Given(query["task"]), queue = Given(query["queue"]), error = null;
        var before = Cursor(Given(query["at"]), Given(query["id"]), ref error);
        var limit = Math.Clamp(context.Options.PageSize, 1, 500);
        List<CompletedJob> jobs = [];
        if (error is null)
        {
            try
            {
                jobs = await context.Admin.ListCompletedAsync(new CompletedJobFilter { TaskIdentifier = task, Queue = queue, Before = before, Limit = limit }, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                error = ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            }
        }
        var throughput = await context.Admin.GetThroughputAsync(ChartIntervals, ChartInterval, cancellationToken).ConfigureAwait(false);
        var filters = Filters(task, queue);
        var main = Html.Of($"""
            <h1>History</h1>
            {ThroughputChart.Render(throughput, ChartInterval)}
            <form class="filters" method="get" action="{context.Url("history")}" role="search">
            <label>Task <input name="task" value="{task}" autocomplete="off"></label>
            <label>Queue <input name="queue" value="{queue}" autocomplete="off"></label>
            <button type="submit">Filter</button>
            </form>
            {Html.If(error is not null, Html.Of($"""<p class="error" role="alert">{error}</p>"""))}
            {Table(context, jobs)}
            <nav class="pager" aria-label="Pages">
            {Html.If(before is not null, Html.Of($"""<a href="{context.Url("history" + filters)}">Newest</a>"""))}
            {(jobs.Count == limit ? Html.Of($"""<a href="{context.Url("history" + Older(filters, jobs))}" rel="next">Older</a>""") : HtmlFragment.Empty)}
            </nav>
            """);
        return (Layout.Page(context, "History", "history", main), error is null ? 200 : 400);
    }

    public static async Task<(HtmlFragment Page, int Status)> RenderRecordAsync(DashboardContext context, long id, CancellationToken cancellationToken)
    {
        if (await UnavailableAsync(context, cancellationToken).ConfigureAwait(false) is { } unavailable)
        {
            return (Layout.Page(context, $"Completed job {id}", "history", unavailable), 404);
        }
        var job = await context.Admin.GetCompletedAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            var missing = Html.Of($"""
                <h1>Completed job {id}</h1>
                <p class="empty" role="alert">No completed job {id} in the history: it has not completed, completed before the retention, was completed by other means than a Jobs worker, or never existed. <a href="{context.Url("jobs/" + id)}">Look for it among the jobs</a>.</p>
                """);
            return (Layout.Page(context, $"Completed job {id}", "history", missing), 404);
        }
        var main = Html.Of($"""
            <h1>Completed job {job.Id} <span class="state state-completed">completed</span></h1>
            <dl class="job">
            {What(job.TaskIdentifier, job.QueueName, job.Key, job.DatabaseId, job.Priority, job.Attempts, job.MaxAttempts)}
            {Field("created at", Format.Time(job.CreatedAt))}
            {Field("run at", Format.Time(job.RunAt))}
            {Field("completed at", Format.Time(job.CompletedAt))}
            {Field("created to completed", job.CreatedAt is { } created ? Format.Age(job.CompletedAt - created) : null)}
            {Field("completed by", job.WorkerId)}
            </dl>
            <h2>Payload</h2>
            <pre class="payload"><code>{Indented(System.Text.Encoding.UTF8.GetBytes(job.Payload))}</code></pre>
            """);
        return (Layout.Page(context, $"Completed job {job.Id}", "history", main), 200);
    }

    /// <summary>The newest record of job <paramref name="id"/> when the history is there to ask; else null.</summary>
    public static async Task<CompletedJob?> FindAsync(DashboardContext context, long id, CancellationToken cancellationToken) =>
        await UnavailableAsync(context, cancellationToken).ConfigureAwait(false) is null
            ? await context.Admin.GetCompletedAsync(id, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Why the history cannot be shown (not installed, not readable by the dashboard's role); null when it can.</summary>
    private static async Task<HtmlFragment?> UnavailableAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        HistoryStatus status;
        try
        {
            status = await context.Admin.GetHistoryStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Html.Of($"""<h1>History</h1><p class="empty" role="alert">{ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}</p>""");
        }
        return status switch
        {
            { Installed: false } => Html.Of($"""
                <h1>History</h1>
                <p class="empty" role="status">The history of completed jobs is not installed: completed jobs leave the jobs table without a trace.
                <code>jobs migrate --history</code> installs it in its own schema, {status.Schema.Value}; workers record every job they complete from their next start.</p>
                """),
            { CanRead: false } => Html.Of($"""
                <h1>History</h1>
                <p class="error" role="alert">The history is installed in {status.Schema.Value}, but this dashboard's database role may not read it:
                <code>jobs grants --for admin --role &lt;role&gt; --connection …</code> prints the grants.</p>
                """),
            _ => null,
        };
    }

    private static HtmlFragment Table(DashboardContext context, List<CompletedJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return Html.Of($"""<p class="empty">No completed job matches.</p>""");
        }
        return Html.Of($"""
            <table class="jobs">
            <thead><tr><th scope="col">id</th><th scope="col">task</th><th scope="col">queue</th><th scope="col">attempts</th><th scope="col">completed at</th><th scope="col">created to completed</th><th scope="col">worker</th></tr></thead>
            <tbody>
            {Html.Join(jobs.Select(job => Html.Of($"""
                <tr data-id="{job.Id}"><td><a href="{context.Url("history/" + job.Id)}">{job.Id}</a></td><td class="task">{job.TaskIdentifier}</td><td>{job.QueueName ?? ""}</td><td>{job.Attempts}/{job.MaxAttempts}</td><td>{Format.Time(job.CompletedAt)}</td><td>{(job.CreatedAt is { } created ? Format.Age(job.CompletedAt - created) : "")}</td><td>{job.WorkerId}</td></tr>
                """)))}
            </tbody>
            </table>
            """);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The page's cursor from <c>at</c> (round-trip time) and <c>id</c>; both or neither.</summary>
    private static CompletedJobCursor? Cursor(string? at, string? id, ref string? error)
    {
        if (at is null && id is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(at, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var completedAt)
            && long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var jobId))
        {
            return new CompletedJobCursor(completedAt, jobId);
        }
        error = "The page's position (at, id) is not valid: start from the newest.";
        return null;
    }

    private static string Filters(string? task, string? queue)
    {
        var parts = new List<string>();
        if (task is not null)
        {
            parts.Add("task=" + Uri.EscapeDataString(task));
        }
        if (queue is not null)
        {
            parts.Add("queue=" + Uri.EscapeDataString(queue));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Older(string filters, List<CompletedJob> jobs)
    {
        var cursor = CompletedJobCursor.After(jobs[^1]);
        var position = $"at={Uri.EscapeDataString(cursor.CompletedAt.ToString("O", CultureInfo.InvariantCulture))}&id={cursor.Id.ToString(CultureInfo.InvariantCulture)}";
        return filters.Length == 0 ? "?" + position : filters + "&" + position;
    }
}
