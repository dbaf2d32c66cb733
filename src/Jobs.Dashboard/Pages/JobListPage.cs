using Jobs.Dashboard.Actions;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>The jobs matching a filter, newest first, a page at a time (keyset paging on id).</summary>
internal static class JobListPage
{
    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var query = JobListFilterQuery.From(context.Http.Request.Query);
        var (filter, databaseId, error) = query.ToFilter(Math.Clamp(context.Options.PageSize, 1, 500), context.Admin.DatabaseId);
        List<JobRow> jobs = [];
        if (filter is not null)
        {
            var admin = databaseId is { } id ? context.Admin.ForDatabase(id) : context.Admin;
            try
            {
                jobs = await ListAsync(admin, query, filter, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                // A name the schema could never hold (too long, NUL): nothing can match, and the
                // message says why.
                error = ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            }
        }
        var more = filter is not null && jobs.Count == filter.Limit;
        var jobsView = context.CanAct && jobs.Count > 0
            ? await ActionsFormAsync(context, query, Table(context, jobs, selectable: true), cancellationToken).ConfigureAwait(false)
            : Table(context, jobs, selectable: false);
        var main = Html.Of($"""
            <h1>Jobs</h1>
            {Filters(context, query)}
            {Html.If(error is not null, Html.Of($"""<p class="error" role="alert">{error}</p>"""))}
            {jobsView}
            <nav class="pager" aria-label="Pages">
            {Html.If(query.Before is not null, Html.Of($"""<a href="{context.Url("jobs" + query.QueryString())}">Newest</a>"""))}
            {Html.If(more, Html.Of($"""<a href="{context.Url("jobs" + query.QueryString(jobs.Count > 0 ? jobs[^1].Id : null))}" rel="next">Older</a>"""))}
            </nav>
            """);
        return (Layout.Page(context, "Jobs", "jobs", main), error is null ? 200 : 400);
    }

    private static async Task<List<JobRow>> ListAsync(JobsAdmin admin, JobListFilterQuery query, JobListFilter filter, CancellationToken cancellationToken)
    {
        if (query.Key is null)
        {
            return await admin.ListAsync(filter, cancellationToken).ConfigureAwait(false);
        }
        // A key names at most one job: the other filters still have to agree with it.
        var job = await admin.GetByKeyAsync(query.Key, cancellationToken).ConfigureAwait(false);
        return job is not null && filter.Matches(job) ? [job] : [];
    }

    private static HtmlFragment Filters(DashboardContext context, JobListFilterQuery query) => Html.Of($"""
        <form class="filters" method="get" action="{context.Url("jobs")}" role="search">
        <label>State <select name="state">
        <option value="">any</option>
        {Html.Join(JobStateNames.All.Select(name => name == query.State
            ? Html.Of($"""<option selected>{name}</option>""")
            : Html.Of($"""<option>{name}</option>""")))}
        </select></label>
        <label>Task <input name="task" value="{query.Task}" autocomplete="off"></label>
        <label>Queue <input name="queue" value="{query.Queue}" autocomplete="off"></label>
        <label>Key <input name="key" value="{query.Key}" autocomplete="off"></label>
        <label>Database id <input name="database" value="{query.Database}" autocomplete="off" size="36"></label>
        <label>Text in payload or error <input name="text" value="{query.Text}" autocomplete="off" type="search"></label>
        <button type="submit">Filter</button>
        </form>
        """);

    /// <summary>
    /// The table inside the actions' form: a checkbox per row, and the actions for the ticked jobs
    /// or for every job matching the filter (counted, not only this page's).
    /// </summary>
    private static async Task<HtmlFragment> ActionsFormAsync(DashboardContext context, JobListFilterQuery query, HtmlFragment table, CancellationToken cancellationToken)
    {
        var matching = await JobSelection.CountAsync(context.Admin, query, cancellationToken).ConfigureAwait(false);
        return Html.Of($"""
            <form method="post" action="{context.Url("actions")}" class="job-actions">
            {ActionForms.Token(context)}
            {ActionForms.Hidden(query.Fields())}
            {table}
            <fieldset class="actions">
            <legend>Actions</legend>
            <fieldset class="action-scope">
            <legend>Act on</legend>
            <label><input type="radio" name="scope" value="selection" checked> the selected jobs</label>
            {Html.If(matching is not null, Html.Of($"""<label><input type="radio" name="scope" value="filter"> all <span id="matching-count">{Format.Count(matching ?? 0)}</span> jobs matching this filter</label>"""))}
            </fieldset>
            {ActionForms.Controls()}
            </fieldset>
            </form>
            """);
    }

    private static HtmlFragment Table(DashboardContext context, List<JobRow> jobs, bool selectable)
    {
        if (jobs.Count == 0)
        {
            return Html.Of($"""<p class="empty">No jobs match.</p>""");
        }
        return Html.Of($"""
            <table class="jobs">
            <thead><tr>{Html.If(selectable, Html.Of($"""<th scope="col"><label class="select"><input type="checkbox" data-select-all><span class="visually-hidden">Select every job on this page</span></label></th>"""))}<th scope="col">id</th><th scope="col">task</th><th scope="col">queue</th><th scope="col">state</th><th scope="col">attempts</th><th scope="col">run at</th><th scope="col">locked by</th><th scope="col">last error</th></tr></thead>
            <tbody>
            {Html.Join(jobs.Select(job => Html.Of($"""
                <tr data-id="{job.Id}">{Html.If(selectable, Html.Of($"""<td><label class="select"><input type="checkbox" name="id" value="{job.Id}"><span class="visually-hidden">Select job {job.Id}</span></label></td>"""))}<td><a href="{context.Url("jobs/" + job.Id)}">{job.Id}</a></td><td class="task">{job.TaskIdentifier}</td><td>{job.QueueName ?? ""}</td><td><span class="state state-{JobStateNames.Of(job.State)}">{JobStateNames.Of(job.State)}</span></td><td>{job.Attempts}/{job.MaxAttempts}</td><td>{Format.Time(job.RunAt)}</td><td>{job.LockedBy ?? ""}</td><td class="error-line">{Format.FirstLine(job.LastError)}</td></tr>
                """)))}
            </tbody>
            </table>
            """);
    }
}
