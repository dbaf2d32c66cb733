using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests.Commands;

/// <summary>
/// <c>jobs schedules</c> on schemas deployed by pgpm, which have no paused flag: genuine 0.16 and the
/// 0.47 shape (whose run_scheduled_job asserts the schedule's attribution).
/// </summary>
public abstract class SchedulesOnPgpmShapesTests : MigrateTest
{
    private const string Actor = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";

    protected abstract bool Is047 { get; }

    private Task<CliRun> JobsAsync(params string[] args) => CliRun.RunAsync([.. args, "--connection", Database.ConnectionString]);

    [Fact]
    public async Task Pause_list_run_now_resume_and_delete()
    {
        var attribution = Is047 ? $", actor_id => '{Actor}'" : "";
        await Catalog.ExecuteAsync(Database, $$"""
            SELECT app_jobs.add_scheduled_job(db_id => '0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11', identifier => 'report',
                   schedule_info => '{"rule": "0 2 * * *"}', job_key => 'nightly'{{attribution}});
            SELECT app_jobs.get_scheduled_job(worker_id => 'scheduler-a');
            """);

        Assert.StartsWith("paused schedule 1 'nightly' (task report); scheduler scheduler-a lets go",
            (await JobsAsync("schedules", "pause", "nightly")).AssertOneLineSuccess(), StringComparison.Ordinal);
        var listed = Assert.Single((await JobsAsync("schedules", "list", "--json")).AssertJsonLines());
        Assert.True(listed.GetProperty("paused").GetBoolean());
        Assert.Equal("jobs:paused", listed.GetProperty("locked_by").GetString());
        // Nothing can claim it, whatever claims it tries.
        await Catalog.ExecuteAsync(Database, "SELECT app_jobs.get_scheduled_job(worker_id => 'scheduler-b')");
        Assert.Equal("jobs:paused", Assert.Single((await JobsAsync("schedules", "list", "--json")).AssertJsonLines()).GetProperty("locked_by").GetString());

        Assert.Matches(@"^ran schedule 'nightly': job \d+ \(report\) created$", (await JobsAsync("schedules", "run-now", "nightly")).AssertOneLineSuccess());
        (await JobsAsync("schedules", "run-now", "nightly")).AssertOneLineError(1);

        Assert.Equal("resumed schedule 1 'nightly' (task report)", (await JobsAsync("schedules", "resume", "1")).AssertOneLineSuccess());
        Assert.Equal("deleted schedule 1 'nightly' (task report)", (await JobsAsync("schedules", "delete", "nightly", "--yes")).AssertOneLineSuccess());
        Assert.Equal(["no schedule"], (await JobsAsync("schedules", "list")).AssertReport(0));
    }
}

public sealed class SchedulesOnPgpm016Tests : SchedulesOnPgpmShapesTests
{
    protected override bool Is047 => false;

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.PgpmDatabaseAsync();
}

public sealed class SchedulesOnUpstream047Tests : SchedulesOnPgpmShapesTests
{
    protected override bool Is047 => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.Upstream047DatabaseAsync();

    [Fact]
    public async Task Run_now_of_a_schedule_without_attribution_is_a_one_line_error()
    {
        // Written around add_scheduled_job, as an older tool might have: 0.47's run_scheduled_job refuses it.
        await Catalog.ExecuteAsync(Database, """
            INSERT INTO app_jobs.scheduled_jobs (database_id, task_identifier, schedule_info, key)
            VALUES ('0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11', 'report', '{"rule": "0 2 * * *"}', 'orphan')
            """);

        var line = (await CliRun.RunAsync(["schedules", "run-now", "orphan", "--connection", Database.ConnectionString])).AssertOneLineError(1);

        Assert.StartsWith("jobs: error: could not run schedule 'orphan': ATTRIBUTION_REQUIRED", line, StringComparison.Ordinal);
    }
}
