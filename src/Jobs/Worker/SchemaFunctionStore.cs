using Jobs.Schema;
using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// The schema's own functions, so it works against any deployment of app_jobs with its exact
/// semantics: get_job, complete_job, fail_job. Calls share statements, round trips and commits:
/// a fetch calls get_job up to <see cref="CallsPerRoundTrip"/> times in one statement (each call
/// sees what the previous ones locked), and a batch of outcomes calls complete_job and fail_job
/// once per job in one round trip.
/// </summary>
internal sealed class SchemaFunctionStore(NpgsqlDataSource dataSource, SqlQueries sql, SchemaShape shape, FetchSettings settings, ILogger logger, OutcomeEvents events)
    : JobStore(dataSource, sql, shape, settings, logger, events)
{
    /// <summary>
    /// get_job calls per statement. Past the last available job each call still costs a scan,
    /// so a large fetch goes in rounds and stops at the first round that comes back short.
    /// </summary>
    internal const int CallsPerRoundTrip = 100;

    /// <summary>The fewest get_job calls a fetch starts with.</summary>
    private const int FirstRoundMinimum = 8;

    private int _lastFound = CallsPerRoundTrip;

    public override async Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRow>(max);
        // A call that finds nothing walks every due-later job in the index. So the first round
        // asks no more than the previous fetch found (at least a few): once the queue runs dry,
        // fetches stop paying for dozens of empty calls each.
        var calls = Math.Min(max, Math.Clamp(_lastFound, FirstRoundMinimum, CallsPerRoundTrip));
        while (true)
        {
            var getJobs = new NpgsqlBatchCommand(Sql.GetJobs);
            getJobs.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            getJobs.Parameters.Add(TaskFilterParameter());
            getJobs.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
            getJobs.Parameters.Add(new NpgsqlParameter<int> { TypedValue = calls });
            var found = await FetchJobsAsync(getJobs, cancellationToken).ConfigureAwait(false);
            jobs.AddRange(found);
            if (found.Count < calls || jobs.Count >= max)
            {
                break;
            }
            calls = Math.Min(CallsPerRoundTrip, max - jobs.Count);
        }
        _lastFound = jobs.Count;
        return jobs;
    }

    protected override async Task<HashSet<long>> WriteOutcomesAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var batch = DataSource.CreateBatch();
        var completed = outcomes.Where(o => o.Error is null).ToArray();
        if (completed.Length > 0)
        {
            var complete = new NpgsqlBatchCommand(Sql.CompleteJobsEach);
            complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            complete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = completed.Select(o => o.JobId).ToArray() });
            complete.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = completed.Select(o => o.Attempt).ToArray() });
            complete.Parameters.Add(LockedAts(completed));
            batch.BatchCommands.Add(complete);
        }
        var failed = outcomes.Where(o => o.Error is not null).ToArray();
        if (failed.Length > 0)
        {
            // A permanent failure goes through fail_job, then permanently_fail_jobs, in the same statement.
            var fail = new NpgsqlBatchCommand(Sql.FailJobsEach);
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            fail.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = failed.Select(o => o.JobId).ToArray() });
            fail.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = failed.Select(o => o.Attempt).ToArray() });
            fail.Parameters.Add(LockedAts(failed));
            fail.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = failed.Select(o => o.Error!).ToArray() });
            fail.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = failed.Select(o => o.Permanent).ToArray() });
            batch.BatchCommands.Add(fail);
        }
        return await ReadAppliedAsync(batch, cancellationToken).ConfigureAwait(false);
    }
}
