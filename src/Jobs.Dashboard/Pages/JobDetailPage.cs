using Jobs.Dashboard.Rendering;
using static Jobs.Dashboard.Rendering.DetailFields;

namespace Jobs.Dashboard.Pages;

/// <summary>One job: every column, the payload indented, last_error with its stack frames.</summary>
internal static class JobDetailPage
{
    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, long id, CancellationToken cancellationToken)
    {
        var job = await context.Admin.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            var completed = await HistoryPage.FindAsync(context, id, cancellationToken).ConfigureAwait(false);
            var missing = completed is null
                ? Html.Of($"""
                    <h1>Job {id}</h1>
                    <p class="empty" role="alert">No job {id}: it finished (completed jobs leave the table), was deleted, or never existed.</p>
                    """)
                : Html.Of($"""
                    <h1>Job {id}</h1>
                    <p class="empty" role="alert">Job {id} completed at {Format.Time(completed.CompletedAt)}: <a href="{context.Url("history/" + id)}">its record in the history</a>.</p>
                    """);
            return (Layout.Page(context, $"Job {id}", "jobs", missing), 404);
        }
        var state = JobStateNames.Of(job.State);
        var main = Html.Of($"""
            <h1>Job {job.Id} <span class="state state-{state}">{state}</span></h1>
            {EnqueuePage.Notice(context)}
            <dl class="job">
            {What(job.TaskIdentifier, job.QueueName, job.Key, job.DatabaseId, job.Priority, job.Attempts, job.MaxAttempts)}
            {Field("run at", Format.Time(job.RunAt))}
            {Field("locked by", job.LockedBy)}
            {Field("locked at", job.LockedAt is { } lockedAt ? $"{Format.Time(lockedAt)} ({Format.Age(context.Now - lockedAt)} ago)" : null)}
            {Field("created at", Format.Time(job.CreatedAt))}
            {Field("updated at", Format.Time(job.UpdatedAt))}
            {Field("actor id", job.ActorId)}
            {Field("principal id", job.PrincipalId)}
            {Field("entity", job.EntityType is null && job.EntityId is null ? null : $"{job.EntityType} {job.EntityId}".Trim())}
            {Field("organization id", job.OrganizationId)}
            {Field("function definition id", job.FunctionDefinitionId)}
            {Field("definition scope", job.DefinitionScope)}
            </dl>
            {(context.CanAct ? Actions(context, job.Id) : HtmlFragment.Empty)}
            <h2>Payload</h2>
            <pre class="payload"><code>{Indented(job.PayloadUtf8)}</code></pre>
            {Html.If(job.LastError is not null, Html.Of($"""
                <h2>Last error</h2>
                <pre class="last-error">{job.LastError}</pre>
                """))}
            """);
        return (Layout.Page(context, $"Job {job.Id}", "jobs", main), 200);
    }

    /// <summary>The actions' form for this one job.</summary>
    private static HtmlFragment Actions(DashboardContext context, long id) => Html.Of($"""
        <form method="post" action="{context.Url("actions")}" class="job-actions">
        {ActionForms.Token(context)}
        <input type="hidden" name="scope" value="selection">
        <input type="hidden" name="id" value="{id}">
        <fieldset class="actions">
        <legend>Actions on this job</legend>
        {ActionForms.Controls()}
        </fieldset>
        </form>
        """);
}
