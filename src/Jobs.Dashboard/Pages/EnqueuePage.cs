using Jobs.Dashboard.Enqueueing;
using Jobs.Dashboard.Rendering;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// Enqueue a job by hand: a task and a JSON payload, with the options of <see cref="EnqueueOptions"/>.
/// The payload must be JSON, and when the app hosting the dashboard handles the task, its generated
/// payload reader must read it: a payload the handler could not take is refused here, not failed
/// when it runs. A task the app does not handle (another service's) is checked as JSON only.
/// </summary>
internal static class EnqueuePage
{
    public static HtmlFragment Render(DashboardContext context, DashboardEnqueuer enqueuer) =>
        Page(context, enqueuer, EnqueueRequest.Empty);

    /// <summary>The form's POST: enqueues and sends the browser to the new job, or shows the form again with what is wrong (400).</summary>
    public static async Task<(IResult? Redirect, HtmlFragment Page)> EnqueueAsync(DashboardContext context, DashboardEnqueuer enqueuer, CancellationToken cancellationToken)
    {
        var form = await context.Http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var request = EnqueueRequest.Read(form, enqueuer, context.Admin.DatabaseId);
        if (request.Errors.Count == 0)
        {
            try
            {
                var job = await enqueuer.Client.EnqueueAsync(request.Task, request.PayloadBytes, request.Options, cancellationToken).ConfigureAwait(false);
                var checkedBy = enqueuer.CheckFor(request.Task) is null ? "json" : "handler";
                return (Results.Redirect(context.Url($"jobs/{job.Id}?enqueued={checkedBy}")), HtmlFragment.Empty);
            }
            catch (ArgumentException ex)
            {
                request.Errors.Add((ex.ParamName ?? "", Actions.JobSelection.Message(ex)));
            }
        }
        return (null, Page(context, enqueuer, request));
    }

    /// <summary>The notice the job's page shows after a redirect from here.</summary>
    public static HtmlFragment Notice(DashboardContext context) =>
        context.Http.Request.Query["enqueued"].ToString() switch
        {
            "handler" => Html.Of($"""<p class="notice" role="status">Enqueued. This app's handler read the payload before it was stored.</p>"""),
            "json" => Html.Of($"""<p class="notice" role="status">Enqueued. This app does not handle the task: the payload was checked as JSON only.</p>"""),
            _ => HtmlFragment.Empty,
        };

    private static HtmlFragment Page(DashboardContext context, DashboardEnqueuer enqueuer, EnqueueRequest request)
    {
        var known = enqueuer.KnownTasks.ToList();
        var main = Html.Of($"""
            <h1>Enqueue a job</h1>
            {Errors(request)}
            <form method="post" action="{context.Url("enqueue")}" class="enqueue">
            {ActionForms.Token(context)}
            <label>Task <input name="task" value="{request.Task}" list="known-tasks" required autocomplete="off" maxlength="{JobLimits.TaskIdentifierMaxExclusive - 1}"{Invalid(request, "task")}></label>
            <datalist id="known-tasks">{Html.Join(known.Select(task => Html.Of($"""<option value="{task}">""")))}</datalist>
            <p class="hint">{(known.Count == 0 ? "This app handles no tasks itself: payloads are checked as JSON only." : $"Handled by this app, so their payloads are read by the handler's generated reader before they are stored: {string.Join(", ", known)}.")}</p>
            <label>Payload (JSON) <textarea name="payload" rows="10" cols="70" spellcheck="false"{Invalid(request, "payload")}>{request.Payload}</textarea></label>
            <div class="enqueue-options">
            <label>Queue <input name="queue" value="{request.Queue}" autocomplete="off" placeholder="none"{Invalid(request, "queue")}></label>
            <label>Priority <input name="priority" value="{request.Priority}" inputmode="numeric" size="6" placeholder="0"{Invalid(request, "priority")}></label>
            <label>Run at, UTC <input type="datetime-local" name="run_at" value="{request.RunAt}" step="1"{Invalid(request, "run_at")}></label>
            <label>Max attempts <input name="max_attempts" value="{request.MaxAttempts}" inputmode="numeric" size="6" placeholder="default"{Invalid(request, "max_attempts")}></label>
            <label>Job key <input name="key" value="{request.Key}" autocomplete="off" placeholder="none"{Invalid(request, "key")}></label>
            </div>
            <button type="submit">Enqueue</button>
            </form>
            {Schemas(enqueuer, known)}
            """);
        return Layout.Page(context, "Enqueue", "enqueue", main, refresh: false);
    }

    /// <summary>What each of the app's tasks takes: its payload's JSON Schema, as the generator wrote it, one closed section per task.</summary>
    private static HtmlFragment Schemas(DashboardEnqueuer enqueuer, List<string> known)
    {
        var described = known.Select(task => (Task: task, Schema: enqueuer.SchemaOf(task))).Where(t => t.Schema is not null).ToList();
        return described.Count == 0 ? HtmlFragment.Empty : Html.Of($"""
            <h2>Payloads these tasks take</h2>
            {Html.Join(described.Select(t => Html.Of($"""
                <details class="payload-schema" data-task="{t.Task}"><summary>{t.Task}</summary><pre><code>{DetailFields.Indented(System.Text.Encoding.UTF8.GetBytes(t.Schema!))}</code></pre></details>
                """)))}
            """);
    }

    private static HtmlFragment Errors(EnqueueRequest request) =>
        request.Errors.Count == 0
            ? HtmlFragment.Empty
            : Html.Of($"""
                <div class="errors" role="alert">
                <p>Nothing was enqueued:</p>
                <ul>{Html.Join(request.Errors.Select(error => Html.Of($"""<li data-field="{error.Field}">{error.Message}</li>""")))}</ul>
                </div>
                """);

    private static HtmlFragment Invalid(EnqueueRequest request, string field) =>
        request.Errors.Exists(error => error.Field == field) ? Html.Of($""" aria-invalid="true" """) : HtmlFragment.Empty;
}
