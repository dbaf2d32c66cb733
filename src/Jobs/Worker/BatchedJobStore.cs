using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// Fetches many jobs per statement (fetch_jobs.sql, get_job's rules set-wise; on a schema with
/// 0.47's is_available, fetch_available_jobs.sql, 0.47's get_job rules) and writes each
/// batch of outcomes as one set-wise complete and one set-wise fail.
/// </summary>
internal sealed class BatchedJobStore(NpgsqlDataSource dataSource, SqlQueries sql, SchemaShape shape, FetchSettings settings, ILogger logger, OutcomeEvents events)
    : JobStore(dataSource, sql, shape, settings, logger, events)
{
    public override async Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        var (worker, tasks, expiry) = (Settings.WorkerId, Settings.TaskFilter, Settings.JobExpiry.TotalSeconds);
        var fetch = Shape.HasAvailabilityColumn
            ? Sql.BatchCommand(new FetchAvailableJobsQuery(worker, tasks, Max: max, JobExpirySeconds: expiry))
            : Sql.BatchCommand(new FetchJobsQuery(worker, tasks, Max: max, JobExpirySeconds: expiry));
        var jobs = await FetchJobsAsync(fetch, cancellationToken).ConfigureAwait(false);
        // The UPDATE returns rows in no set order.
        SortAsGetJob(jobs);
        return jobs;
    }

    protected override async Task<HashSet<long>> WriteOutcomesAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken)
    {
        var (completed, failed) = Split(outcomes);
        await using var batch = DataSource.CreateBatch();
        if (completed is not null)
        {
            batch.BatchCommands.Add(Settings.RecordsHistory
                ? Sql.BatchCommand(new CompleteJobsBatchRecordedQuery(completed))
                : Sql.BatchCommand(new CompleteJobsBatchQuery(completed)));
        }
        if (failed is not null)
        {
            batch.BatchCommands.Add(Sql.BatchCommand(new FailJobsBatchQuery(failed)));
        }
        return await ReadAppliedAsync(batch, cancellationToken).ConfigureAwait(false);
    }
}
