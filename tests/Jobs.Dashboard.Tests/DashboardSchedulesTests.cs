using System.Net;
using System.Text.RegularExpressions;
using Jobs.Dashboard.Tests.Infrastructure;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Dashboard.Tests;

/// <summary>The schedules page: each schedule with its next run times, holder and last run; run now, pause, resume, delete.</summary>
public abstract class DashboardSchedulesTests(DashboardDatabase database) : DashboardTest(database)
{
    [Fact]
    public async Task Each_schedule_shows_what_it_runs_its_next_three_run_times_and_its_holder()
    {
        var nightly = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        var broken = await AddScheduleAsync("broken", """{"month": 12}""");
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/schedules");

        var row = Row(html, nightly);
        Assert.Contains("<td>nightly</td><td>report</td>", row);
        var runs = Regex.Matches(row, """<time datetime="([^"]+)">""").Select(m => DateTimeOffset.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, runs.Length);
        Assert.All(runs, run => Assert.Equal((2, 0, 0), (run.UtcDateTime.Hour, run.Minute, run.Second)));
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(1)], runs.Zip(runs.Skip(1), (a, b) => b - a));
        Assert.Contains("never", row);
        Assert.Contains("<span class=\"error\">invalid: ", Row(html, broken));
    }

    [Fact]
    public async Task Run_now_queues_its_job_once_then_says_the_previous_one_still_waits()
    {
        var nightly = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        await using var app = await DashboardApp.StartAsync(Database);

        var page = await PressAsync(app, nightly, "run-now");

        Assert.Contains($"Schedule {nightly} ran now: its job is queued.", page);
        Assert.Equal(1, await JobsOfAsync("report"));
        Assert.Contains($"Schedule {nightly} did not run: its previous job still waits or runs.", await PressAsync(app, nightly, "run-now"));
        Assert.Equal(1, await JobsOfAsync("report"));
        Assert.Matches("""\(<a href="/jobs/jobs/\d+">job \d+</a>\)""", Row(page, nightly));
    }

    [Fact]
    public async Task Pause_resume_and_delete_change_the_schedule_and_say_so()
    {
        var nightly = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        await using var app = await DashboardApp.StartAsync(Database);

        var paused = await PressAsync(app, nightly, "pause");
        Assert.Contains($"Schedule {nightly} paused.", paused);
        Assert.Contains("<span class=\"state state-paused\">paused</span>", Row(paused, nightly));
        Assert.DoesNotContain("<time", Row(paused, nightly));
        Assert.Contains($"value=\"resume\">Resume schedule {nightly}</button>", paused);
        Assert.Contains($"Schedule {nightly} was already so: nothing changed.", await PressAsync(app, nightly, "pause"));

        Assert.Contains($"Schedule {nightly} resumed.", await PressAsync(app, nightly, "resume"));
        var deleted = await PressAsync(app, nightly, "delete");
        Assert.Contains($"Schedule {nightly} deleted.", deleted);
        Assert.DoesNotContain($"data-schedule=\"{nightly}\"", deleted);
    }

    [Fact]
    public async Task A_read_only_dashboard_lists_schedules_without_buttons_and_refuses_the_post()
    {
        var nightly = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        await using var app = await DashboardApp.StartAsync(Database, configure: o => o.ReadOnly = true);

        Assert.DoesNotContain("<button", await app.GetPageAsync("/jobs/schedules"));
        var (status, _) = await DashboardForms.PostAsync(app, "/jobs/schedules", [new("id", nightly.ToString()), new("action", "delete")]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"data-schedule=\"{nightly}\"", await app.GetPageAsync("/jobs/schedules"));
    }

    [Fact]
    public async Task The_address_bar_cannot_put_words_on_the_page()
    {
        await using var app = await DashboardApp.StartAsync(Database);

        var html = await app.GetPageAsync("/jobs/schedules?changed=1&outcome=was%20hacked");

        Assert.DoesNotContain("hacked", html);
    }

    private async Task<long> AddScheduleAsync(string task, string scheduleInfo, string? key = null)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT id FROM app_jobs.add_scheduled_job(db_id => $1, identifier => $2, schedule_info => $3::text::json, job_key => $4)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = task });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scheduleInfo });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> JobsOfAsync(string task)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = task });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Row(string html, long id)
    {
        var row = Regex.Match(html, $"""<tr data-schedule="{id}">.*?</tr>""", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for schedule {id}:\n{html}");
        return row.Value;
    }

    /// <summary>Presses one of the schedule's buttons as a browser would (token from the page), following the redirect back.</summary>
    private static async Task<string> PressAsync(DashboardApp app, long id, string action)
    {
        var token = DashboardForms.Token(await app.GetPageAsync("/jobs/schedules"));
        var (status, body) = await DashboardForms.PostAsync(app, "/jobs/schedules", [new(DashboardForms.TokenField, token), new("id", id.ToString()), new("action", action)]);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        return body;
    }
}

public sealed class DashboardSchedulesTestsOnInstaller(InstallerDashboardDatabase database) : DashboardSchedulesTests(database), IClassFixture<InstallerDashboardDatabase>;

public sealed class DashboardSchedulesTestsOnPgpm(PgpmDashboardDatabase database) : DashboardSchedulesTests(database), IClassFixture<PgpmDashboardDatabase>;
