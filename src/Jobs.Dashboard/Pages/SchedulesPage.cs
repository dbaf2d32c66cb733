using System.Globalization;
using Jobs.Dashboard.Rendering;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Pages;

/// <summary>
/// The recurring schedules (app_jobs.scheduled_jobs): what each runs, its next run times (from its
/// schedule_info, as schedulers compute them), who holds it and when it last fired; run now,
/// pause, resume and delete.
/// </summary>
internal static class SchedulesPage
{
    private const int NextRuns = 3;

    private static readonly ChangeNotice Notice = new("schedules", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fired"] = "ran now: its job is queued",
        ["already-scheduled"] = "did not run: its previous job still waits or runs",
        ["key-conflict"] = "did not run: a job with its key already exists",
        ["no-job"] = "did not run: another run took its key at the same moment",
        ["paused"] = "paused",
        ["resumed"] = "resumed",
        ["deleted"] = "deleted",
        ["unchanged"] = "was already so: nothing changed",
        ["not-found"] = "does not exist: nothing was changed",
    });

    public static async Task<HtmlFragment> RenderAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var schedules = await context.Admin.ListSchedulesAsync(cancellationToken).ConfigureAwait(false);
        var main = Html.Of($"""
            <h1>Schedules</h1>
            {Notice.Render(context, id => Html.Of($"Schedule {id}"))}
            {Table(context, schedules)}
            """);
        return Layout.Page(context, "Schedules", "schedules", main);
    }

    private static HtmlFragment Table(DashboardContext context, IReadOnlyList<ScheduleSummary> schedules)
    {
        if (schedules.Count == 0)
        {
            return Html.Of($"""<p class="empty">No recurring schedules.</p>""");
        }
        return Html.Of($"""
            <table class="schedules">
            <thead><tr><th scope="col">id</th><th scope="col">key</th><th scope="col">task</th><th scope="col">schedule</th><th scope="col">next runs</th><th scope="col">held by</th><th scope="col">last fired</th>{Html.If(context.CanAct, Html.Of($"""<th scope="col"><span class="visually-hidden">change</span></th>"""))}</tr></thead>
            <tbody>
            {Html.Join(schedules.Select(schedule => Row(context, schedule)))}
            </tbody>
            </table>
            """);
    }

    private static HtmlFragment Row(DashboardContext context, ScheduleSummary schedule)
    {
        var described = schedule.ScheduleError is { } error
            ? Html.Of($"""<span class="error">invalid: {error}</span>""")
            : Html.Of($"""{schedule.Description}""");
        var holder = schedule.IsPaused ? Html.Of($"""<span class="state state-paused">paused</span>""") : Html.Of($"""{schedule.LockedBy ?? ""}""");
        var lastFired = schedule.LastScheduled is { } at
            ? Html.Of($"""{Format.Time(at)}{Html.If(schedule.LastScheduledId is not null, Html.Of($""" (<a href="{context.Url("jobs/" + schedule.LastScheduledId!.Value.ToString(CultureInfo.InvariantCulture))}">job {schedule.LastScheduledId}</a>)"""))}""")
            : Html.Of($"""never""");
        // Built only when shown: a read-only dashboard has no antiforgery to issue a token with.
        var buttons = context.CanAct ? Html.Of($"""
            <td><form method="post" action="{context.Url("schedules")}" class="inline">{ActionForms.Token(context)}<input type="hidden" name="id" value="{schedule.Id}">
            <button type="submit" name="action" value="run-now">Run schedule {schedule.Id} now</button>
            {(schedule.IsPaused
                ? Html.Of($"""<button type="submit" name="action" value="resume">Resume schedule {schedule.Id}</button>""")
                : Html.Of($"""<button type="submit" name="action" value="pause">Pause schedule {schedule.Id}</button>"""))}
            <button type="submit" name="action" value="delete">Delete schedule {schedule.Id}</button>
            </form></td>
            """) : HtmlFragment.Empty;
        return Html.Of($"""
            <tr data-schedule="{schedule.Id}"><td>{schedule.Id}</td><td>{schedule.Key ?? ""}</td><td>{schedule.TaskIdentifier}</td><td>{described}</td><td>{NextRunTimes(schedule, context.Now)}</td><td>{holder}</td><td>{lastFired}</td>{buttons}</tr>
            """);
    }

    /// <summary>The next few run times, as schedulers compute them; none when paused or invalid.</summary>
    private static HtmlFragment NextRunTimes(ScheduleSummary schedule, DateTimeOffset now)
    {
        if (schedule.IsPaused || !ScheduleInfo.TryParse(schedule.ScheduleInfo, out var info, out _))
        {
            return HtmlFragment.Empty;
        }
        var times = new List<DateTimeOffset>();
        for (var after = now; times.Count < NextRuns && info.GetNextOccurrence(after) is { } next; after = next)
        {
            times.Add(next);
        }
        return Html.Join(times.Select((time, i) => Html.Of($"""{Html.If(i > 0, Html.Of($"""<br>"""))}<time datetime="{time.UtcDateTime:O}">{Format.Time(time)}</time>""")));
    }

    /// <summary>The POST of a schedule's button: does it, then sends the browser back (<see cref="ChangeNotice"/>).</summary>
    public static async Task<IResult> ChangeAsync(DashboardContext context, CancellationToken cancellationToken)
    {
        var form = await context.Http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (!long.TryParse(form["id"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return Results.Text("No schedule id was given. Nothing was changed.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var schedule = ScheduleSelector.ById(id);
        var admin = context.Admin;
        string outcome;
        switch (form["action"].ToString())
        {
            case "run-now":
                outcome = (await admin.RunScheduleNowAsync(schedule, cancellationToken: cancellationToken).ConfigureAwait(false)).Outcome switch
                {
                    ScheduleRunOutcome.Fired => "fired",
                    ScheduleRunOutcome.AlreadyScheduled => "already-scheduled",
                    ScheduleRunOutcome.KeyConflict => "key-conflict",
                    ScheduleRunOutcome.NoJob => "no-job",
                    _ => "not-found",
                };
                break;
            case "pause":
                outcome = Changed(await admin.PauseScheduleAsync(schedule, cancellationToken).ConfigureAwait(false), "paused");
                break;
            case "resume":
                outcome = Changed(await admin.ResumeScheduleAsync(schedule, cancellationToken).ConfigureAwait(false), "resumed");
                break;
            case "delete":
                outcome = Changed(await admin.DeleteScheduleAsync(schedule, cancellationToken).ConfigureAwait(false), "deleted");
                break;
            default:
                return Results.Text("Unknown action: use run-now, pause, resume or delete. Nothing was changed.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        return Notice.Redirect(context, id.ToString(CultureInfo.InvariantCulture), outcome);
    }

    private static string Changed(ScheduleChange change, string done) => change.Outcome switch
    {
        ScheduleChangeOutcome.Changed => done,
        ScheduleChangeOutcome.Unchanged => "unchanged",
        _ => "not-found",
    };
}
