using System.Text;
using System.Text.Json;
using Jobs.Dashboard.Rendering;

namespace Jobs.Dashboard.Pages;

/// <summary>One job: every column, the payload indented, last_error with its stack frames.</summary>
internal static class JobDetailPage
{
    public static async Task<(HtmlFragment Page, int Status)> RenderAsync(DashboardContext context, long id, CancellationToken cancellationToken)
    {
        var job = await context.Admin.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            var missing = Html.Of($"""
                <h1>Job {id}</h1>
                <p class="empty" role="alert">No job {id}: it finished (completed jobs leave the table), was deleted, or never existed.</p>
                """);
            return (Layout.Page(context, $"Job {id}", "jobs", missing), 404);
        }
        var state = JobStateNames.Of(job.State);
        var main = Html.Of($"""
            <h1>Job {job.Id} <span class="state state-{state}">{state}</span></h1>
            {EnqueuePage.Notice(context)}
            <dl class="job">
            {Field("task", job.TaskIdentifier)}
            {Field("queue", job.QueueName)}
            {Field("key", job.Key)}
            {Field("database id", job.DatabaseId)}
            {Field("priority", job.Priority)}
            {Field("attempts", $"{job.Attempts} of {job.MaxAttempts}")}
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

    /// <summary>A term and its value; nothing when the value is null or empty (attribution columns exist on 0.47 only).</summary>
    private static HtmlFragment Field<T>(string name, T? value)
    {
        var text = value?.ToString();
        return string.IsNullOrEmpty(text) ? HtmlFragment.Empty : Html.Of($"""<div><dt>{name}</dt><dd>{text}</dd></div>""");
    }

    /// <summary>The payload indented, as stored otherwise (a payload that is not JSON is shown as it is).</summary>
    private static string Indented(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(payload.Span);
        }
    }
}
