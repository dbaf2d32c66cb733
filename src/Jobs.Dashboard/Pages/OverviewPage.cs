using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>The landing page: counts per state, per task and per queue, the oldest ready job, workers and named queues.</summary>
internal static class OverviewPage
{
    public static async Task<HtmlFragment> RenderAsync(DashboardContext context, OverviewSnapshots overview, CancellationToken cancellationToken)
    {
        var counted = await overview.GetAsync(cancellationToken).ConfigureAwait(false);
        var (statistics, breakdown) = (counted.Overview.Totals, counted.Overview.Breakdown);
        var workers = await context.Admin.GetWorkersAsync(cancellationToken).ConfigureAwait(false);
        var queues = await context.Admin.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        var main = Html.Of($"""
            <h1>Overview</h1>
            <p class="as-of">Counted at <time datetime="{counted.ReadAt.UtcDateTime:O}">{Format.Time(counted.ReadAt)}</time>.</p>
            <section class="tiles" aria-label="Jobs by state">
            {Tile(context, "ready", statistics.Ready)}
            {Tile(context, "scheduled", statistics.Scheduled)}
            {Tile(context, "running", statistics.Running)}
            {Tile(context, "retrying", statistics.Failing)}
            {Tile(context, "failed", statistics.PermanentlyFailed)}
            <div class="tile"><span class="label">oldest ready</span><span class="value" id="oldest-ready">{(statistics.OldestReadyAge is { } age ? Format.Age(age) : "none")}</span></div>
            </section>
            <h2>By task</h2>
            {CountsTable(context, "task", breakdown.ByTask)}
            <h2>By queue</h2>
            {CountsTable(context, "queue", breakdown.ByQueue)}
            <h2>Workers</h2>
            {WorkersTable(context, workers)}
            <h2>Named queues</h2>
            {QueuesTable(context, queues)}
            """);
        return Layout.Page(context, "Overview", "", main);
    }

    private static HtmlFragment Tile(DashboardContext context, string state, long count) => Html.Of($"""
        <a class="tile state-{state}" href="{context.Url("jobs?state=" + state)}"><span class="label">{state}</span><span class="value" data-state="{state}">{Format.Count(count)}</span></a>
        """);

    private static HtmlFragment CountsTable(DashboardContext context, string by, IReadOnlyList<JobCounts> rows)
    {
        if (rows.Count == 0)
        {
            return Html.Of($"""<p class="empty">No jobs.</p>""");
        }
        return Html.Of($"""
            <table class="counts" data-by="{by}">
            <thead><tr><th scope="col">{by}</th><th scope="col">ready</th><th scope="col">scheduled</th><th scope="col">running</th><th scope="col">retrying</th><th scope="col">failed</th><th scope="col">total</th></tr></thead>
            <tbody>
            {Html.Join(rows.Select(row => Row(context, by, row)))}
            </tbody>
            </table>
            """);
    }

    private static HtmlFragment Row(DashboardContext context, string by, JobCounts row)
    {
        var name = row.Name is null
            ? Html.Of($"""<em>no queue</em>""")
            : Html.Of($"""<a href="{context.Url($"jobs?{by}={Uri.EscapeDataString(row.Name)}")}">{row.Name}</a>""");
        return Html.Of($"""
            <tr><th scope="row">{name}</th><td>{Format.Count(row.Ready)}</td><td>{Format.Count(row.Scheduled)}</td><td>{Format.Count(row.Running)}</td><td>{Format.Count(row.Failing)}</td><td>{Format.Count(row.PermanentlyFailed)}</td><td>{Format.Count(row.Total)}</td></tr>
            """);
    }

    private static HtmlFragment WorkersTable(DashboardContext context, IReadOnlyList<WorkerHoldings> workers)
    {
        if (workers.Count == 0)
        {
            return Html.Of($"""<p class="empty">No worker holds a job or a queue.</p>""");
        }
        return Html.Of($"""
            <table class="workers">
            <thead><tr><th scope="col">worker</th><th scope="col">jobs held</th><th scope="col">last renewed</th><th scope="col">queues held</th></tr></thead>
            <tbody>
            {Html.Join(workers.Select(w => Html.Of($"""
                <tr><th scope="row">{w.WorkerId}</th><td>{Format.Count(w.JobIds.Count)}</td><td>{(w.NewestJobLock is { } renewed ? Format.Age(context.Now - renewed) + " ago" : "")}</td><td>{string.Join(", ", w.Queues)}</td></tr>
                """)))}
            </tbody>
            </table>
            """);
    }

    private static HtmlFragment QueuesTable(DashboardContext context, IReadOnlyList<QueueStatistics> queues)
    {
        if (queues.Count == 0)
        {
            return Html.Of($"""<p class="empty">No named queues.</p>""");
        }
        return Html.Of($"""
            <table class="queues">
            <thead><tr><th scope="col">queue</th><th scope="col">jobs</th><th scope="col">held by</th><th scope="col">for</th></tr></thead>
            <tbody>
            {Html.Join(queues.Select(q => Html.Of($"""
                <tr><th scope="row"><a href="{context.Url("jobs?queue=" + Uri.EscapeDataString(q.Name))}">{q.Name}</a></th><td>{Format.Count(q.JobCount)}</td><td>{q.LockedBy ?? ""}</td><td>{(q.LockedAt is { } at ? Format.Age(context.Now - at) : "")}</td></tr>
                """)))}
            </tbody>
            </table>
            """);
    }
}
