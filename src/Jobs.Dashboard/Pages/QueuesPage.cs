using Jobs.Dashboard.Rendering;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// The named queues: jobs, state (free, running, paused), holder and lock age, with pause and
/// resume. A named queue is shared by every database id, so only a dashboard of every database
/// (its admin not scoped to one) may pause or resume one.
/// </summary>
internal static class QueuesPage
{
    public static async Task<HtmlFragment> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var queues = await context.Admin.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        var main = Html.Of($"""
            <h1>Queues</h1>
            {Notice.Render(context, queue => Html.Of($"Queue '{queue}'"))}
            {Table(context, queues)}
            <p class="hint">A paused queue's jobs wait: no worker starts one (ours, the schema's own get_job, or another service's) until it is resumed; a job running when it was paused finishes. Pausing is shared by every database id.</p>
            """);
        return Layout.Page(context, "Queues", "queues", main);
    }

    private static readonly ChangeNotice Notice = new("queues", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["paused"] = "paused",
        ["already-paused"] = "was already paused",
        ["resumed"] = "resumed",
        ["not-paused"] = "was not paused",
        ["not-found"] = "does not exist (it has no jobs): nothing was changed",
    });

    /// <summary>Whether this request may pause and resume queues.</summary>
    public static bool CanChange(DashboardContext context) => context.CanAct && context.Admin.DatabaseId is null;

    private static HtmlFragment Table(DashboardContext context, IReadOnlyList<QueueStatistics> queues)
    {
        if (queues.Count == 0)
        {
            return Html.Of($"""<p class="empty">No named queues.</p>""");
        }
        var change = CanChange(context);
        return Html.Of($"""
            <table class="queues">
            <thead><tr><th scope="col">queue</th><th scope="col">jobs</th><th scope="col">state</th><th scope="col">held by</th><th scope="col">for</th>{Html.If(change, Html.Of($"""<th scope="col"><span class="visually-hidden">change</span></th>"""))}</tr></thead>
            <tbody>
            {Html.Join(queues.Select(queue => Row(context, queue, change)))}
            </tbody>
            </table>
            """);
    }

    private static HtmlFragment Row(DashboardContext context, QueueStatistics queue, bool change)
    {
        var state = queue.IsPaused ? "paused" : queue.LockedBy is null ? "free" : "running";
        var (action, label) = queue.IsPaused ? ("resume", "Resume") : ("pause", "Pause");
        // Built only when shown: a read-only dashboard has no antiforgery to issue a token with.
        var form = change ? Html.Of($"""
            <td><form method="post" action="{context.Url("queues")}">{ActionForms.Token(context)}<input type="hidden" name="queue" value="{queue.Name}"><button type="submit" name="action" value="{action}">{label} {queue.Name}</button></form></td>
            """) : HtmlFragment.Empty;
        return Html.Of($"""
            <tr data-queue="{queue.Name}"><th scope="row"><a href="{context.Url("jobs?queue=" + Uri.EscapeDataString(queue.Name))}">{queue.Name}</a></th><td>{Format.Count(queue.JobCount)}</td><td><span class="state state-{state}">{state}</span></td><td>{(queue.IsPaused ? "" : queue.LockedBy ?? "")}</td><td>{(!queue.IsPaused && queue.LockedAt is { } at ? Format.Age(context.Now - at) : "")}</td>{form}</tr>
            """);
    }

    /// <summary>The POST of a pause or resume button: changes the queue, then sends the browser back (<see cref="ChangeNotice"/>).</summary>
    public static async Task<IResult> ChangeAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        if (context.Admin.DatabaseId is { } scope)
        {
            return Results.Text($"Queues are shared by every database id; this dashboard shows database {scope} only, so it pauses and resumes none.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        var form = await context.Http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var queue = form["queue"].ToString();
        var action = form["action"].ToString();
        QueueChange change;
        try
        {
            change = action switch
            {
                "pause" => await context.Admin.PauseQueueAsync(queue, cancellationToken).ConfigureAwait(false),
                "resume" => await context.Admin.ResumeQueueAsync(queue, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown action '{action}': use pause or resume.", nameof(action)),
            };
        }
        catch (ArgumentException ex)
        {
            return Results.Text(Actions.JobSelection.Message(ex) + " Nothing was changed.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var outcome = (action, change.Outcome) switch
        {
            (_, QueueChangeOutcome.NotFound) => "not-found",
            ("pause", QueueChangeOutcome.Unchanged) => "already-paused",
            ("pause", _) => "paused",
            (_, QueueChangeOutcome.Unchanged) => "not-paused",
            _ => "resumed",
        };
        return Notice.Redirect(context, queue, outcome);
    }
}
