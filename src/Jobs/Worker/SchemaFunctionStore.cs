using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
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
            var getJobs = Sql.BatchCommand(new GetJobsQuery(Settings.WorkerId, Settings.TaskFilter,
                JobExpirySeconds: Settings.JobExpiry.TotalSeconds, Calls: calls));
            List<JobRow> found;
            try
            {
                found = await FetchJobsAsync(getJobs, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (jobs.Count > 0)
            {
                // The earlier rounds committed: their jobs are locked to this worker. Thrown
                // away with the error, they would wait out the whole expiry; the next fetch
                // meets the error again if it lasts.
                break;
            }
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
        var (completed, failed) = Split(outcomes);
        await using var batch = DataSource.CreateBatch();
        if (completed is not null)
        {
            batch.BatchCommands.Add(Settings.RecordsHistory
                ? Sql.BatchCommand(new CompleteJobsEachRecordedQuery(completed))
                : Sql.BatchCommand(new CompleteJobsEachQuery(completed)));
        }
        if (failed is not null)
        {
            // A permanent failure goes through fail_job, then permanently_fail_jobs, in the same statement.
            batch.BatchCommands.Add(Sql.BatchCommand(new FailJobsEachQuery(failed)));
        }
        return await ReadAppliedAsync(batch, cancellationToken).ConfigureAwait(false);
    }
}
