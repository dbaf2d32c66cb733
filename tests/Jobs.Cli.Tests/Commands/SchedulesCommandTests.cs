using System.Text.Json;
using Jobs.Cli.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs schedules list | run-now | pause | resume | delete</c>: output, JSON, exit codes, confirmation.</summary>
public sealed class SchedulesCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
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

    private async Task<string?> LockedByAsync(long id)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT locked_by FROM app_jobs.scheduled_jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task List_shows_each_schedule_with_its_next_run_holder_pause_and_invalid_schedule_info()
    {
        var nightly = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        var broken = await AddScheduleAsync("broken", """{"month": 12}""");
        var paused = await AddScheduleAsync("cleanup", """{"hour": [3], "minute": [0]}""");
        await ExecuteAsync("SELECT app_jobs.get_scheduled_job(worker_id => 'scheduler-a')");
        await Admin.PauseScheduleAsync(ScheduleSelector.ById(paused));

        var lines = (await JobsAsync("schedules", "list")).AssertReport(0);

        Assert.Matches(@"^ID\s+KEY\s+TASK\s+SCHEDULE\s+NEXT RUN\s+LAST RUN\s+HELD BY$", lines[0]);
        Assert.Matches($@"^{nightly}\s+nightly\s+report\s+.*0 2 \* \* \*.*\s+\S+ \S+ \(in [\dhm ]+s?\)\s+never\s+scheduler-a \(\d+s ago\)$", lines[1]);
        Assert.Matches($@"^{broken}\s+-\s+broken\s+invalid: 'month' value 12 is out of range 0\.\.11 \(0 = January\)\.\s+-\s+never\s+-$", lines[2]);
        Assert.Matches($@"^{paused}\s+-\s+cleanup\s+.+\s+paused\s+never\s+-$", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task List_json_has_one_object_per_schedule()
    {
        var id = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        await AddScheduleAsync("broken", """{"month": 12}""");

        var schedules = (await JobsAsync("schedules", "list", "--json")).AssertJsonLines();

        Assert.Equal(2, schedules.Length);
        var first = schedules[0];
        Assert.Equal(id, first.GetProperty("id").GetInt64());
        Assert.Equal("nightly", first.GetProperty("key").GetString());
        Assert.Equal("report", first.GetProperty("task_identifier").GetString());
        Assert.Equal("0 2 * * *", first.GetProperty("schedule_info").GetProperty("rule").GetString());
        Assert.False(first.GetProperty("paused").GetBoolean());
        Assert.True(first.GetProperty("next_run_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("schedule_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("locked_by").ValueKind);
        Assert.Equal(JsonValueKind.String, schedules[1].GetProperty("schedule_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, schedules[1].GetProperty("next_run_at").ValueKind);
    }

    [Fact]
    public async Task List_of_nothing_says_so()
    {
        Assert.Equal(["no schedule"], (await JobsAsync("schedules", "list")).AssertReport(0));
    }

    [Fact]
    public async Task Run_now_creates_the_job_then_refuses_while_it_waits()
    {
        var id = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");

        var line = (await JobsAsync("schedules", "run-now", "nightly")).AssertOneLineSuccess();

        var job = Assert.Single(await Admin.ListAsync());
        Assert.Equal($"ran schedule 'nightly': job {job.Id} (report) created", line);
        var refused = (await JobsAsync("schedules", "run-now", id.ToString())).AssertOneLineError(1);
        Assert.Equal($"jobs: error: schedule {id} not run: its previous job still waits or runs (ALREADY_SCHEDULED); nothing was created", refused);

        await Admin.DeleteAsync([job.Id]);
        var json = Assert.Single((await JobsAsync("schedules", "run-now", "nightly", "--json")).AssertJsonLines());
        Assert.Equal("report", json.GetProperty("task_identifier").GetString());
        Assert.Equal(Assert.Single(await Admin.ListAsync()).Id, json.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Pause_and_resume_say_what_they_did()
    {
        var id = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");
        await ExecuteAsync("SELECT app_jobs.get_scheduled_job(worker_id => 'scheduler-a')");

        Assert.Equal($"paused schedule {id} 'nightly' (task report); scheduler scheduler-a lets go of it at its next heartbeat",
            (await JobsAsync("schedules", "pause", "nightly")).AssertOneLineSuccess());
        Assert.Equal(JobsAdmin.PausedScheduleHolder, await LockedByAsync(id));
        Assert.Equal($"schedule {id} 'nightly' (task report) was already paused; nothing changed",
            (await JobsAsync("schedules", "pause", id.ToString())).AssertOneLineSuccess());

        var resumed = Assert.Single((await JobsAsync("schedules", "resume", "nightly", "--json")).AssertJsonLines());
        Assert.Equal(id, resumed.GetProperty("id").GetInt64());
        Assert.Equal("resume", resumed.GetProperty("action").GetString());
        Assert.True(resumed.GetProperty("changed").GetBoolean());
        Assert.Equal(JobsAdmin.PausedScheduleHolder, resumed.GetProperty("previous_holder").GetString());
        Assert.Null(await LockedByAsync(id));
        Assert.Equal($"schedule {id} 'nightly' (task report) is not paused; nothing changed",
            (await JobsAsync("schedules", "resume", "nightly")).AssertOneLineSuccess());
    }

    [Fact]
    public async Task Delete_asks_on_a_terminal_refuses_without_one_and_yes_skips_the_question()
    {
        var id = await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");

        Assert.Equal("jobs: error: delete schedule 'nightly': pass --yes to confirm (stdin is not a terminal, so there is no one to ask)",
            (await JobsAsync("schedules", "delete", "nightly")).AssertOneLineError(2));
        var declined = await JobsOnTerminalAsync("n\n", "schedules", "delete", "nightly");
        Assert.Equal(1, declined.ExitCode);
        Assert.Single(await Admin.ListSchedulesAsync());

        var confirmed = await JobsOnTerminalAsync("y\n", "schedules", "delete", "nightly");
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains("delete schedule 'nightly'? [y/N]", confirmed.Stderr, StringComparison.Ordinal);
        Assert.Equal($"deleted schedule {id} 'nightly' (task report)", Assert.Single(confirmed.OutLines));
        Assert.Empty(await Admin.ListSchedulesAsync());

        var other = await AddScheduleAsync("cleanup", """{"rule": "0 3 * * *"}""");
        var json = Assert.Single((await JobsAsync("schedules", "delete", other.ToString(), "--yes", "--json")).AssertJsonLines());
        Assert.Equal(other, json.GetProperty("id").GetInt64());
        Assert.True(json.GetProperty("changed").GetBoolean());
    }

    [Theory]
    [InlineData("run-now", "999")]
    [InlineData("pause", "999")]
    [InlineData("resume", "no-such-key")]
    [InlineData("delete", "no-such-key", "--yes")]
    public async Task An_unknown_id_or_key_is_a_runtime_error(params string[] args)
    {
        var line = (await JobsAsync(["schedules", .. args])).AssertOneLineError(1);
        Assert.StartsWith("jobs: error: no schedule ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_databases_schedule_is_not_found()
    {
        await AddScheduleAsync("report", """{"rule": "0 2 * * *"}""", "nightly");

        (await JobsAsync("schedules", "pause", "nightly", "--database-id", OtherDatabaseId.ToString())).AssertOneLineError(1);
        Assert.Empty((await JobsAsync("schedules", "list", "--json", "--database-id", OtherDatabaseId.ToString())).AssertJsonLines());
    }

    [Theory]
    [InlineData("schedules")]
    [InlineData("schedules", "list", "extra")]
    [InlineData("schedules", "run-now")]
    [InlineData("schedules", "pause", "0")]
    [InlineData("schedules", "resume", "99999999999999999999")]
    [InlineData("schedules", "delete")]
    [InlineData("schedules", "stop", "nightly")]
    [InlineData("schedules", "list", "--database-id", "x")]
    public async Task Usage_errors(params string[] args)
    {
        (await JobsAsync(args)).AssertOneLineError(2);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("run-now", "nightly")]
    [InlineData("pause", "nightly")]
    [InlineData("resume", "nightly")]
    [InlineData("delete", "nightly", "--yes")]
    public async Task A_bad_connection_is_a_one_line_runtime_error(params string[] args)
    {
        var run = await CliRun.RunAsync(["schedules", .. args, "--connection", Connections.Unreachable]);
        Assert.StartsWith("jobs: error: could not connect to PostgreSQL at 127.0.0.1:1", run.AssertOneLineError(1), StringComparison.Ordinal);
    }
}
