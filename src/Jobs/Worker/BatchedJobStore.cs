using Jobs.Schema;
using Jobs.Sql;
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
        var fetch = new NpgsqlBatchCommand(Shape.HasAvailabilityColumn ? Sql.FetchAvailableJobs : Sql.FetchJobs);
        fetch.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
        fetch.Parameters.Add(TaskFilterParameter());
        fetch.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        fetch.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
        var jobs = await FetchJobsAsync(fetch, cancellationToken).ConfigureAwait(false);
        // The UPDATE returns rows in no set order.
        SortAsGetJob(jobs);
        return jobs;
    }

    protected override async Task<HashSet<long>> WriteOutcomesAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var batch = DataSource.CreateBatch();
        var completed = outcomes.Where(o => o.Error is null).ToArray();
        if (completed.Length > 0)
        {
            var complete = new NpgsqlBatchCommand(Sql.CompleteJobsBatch);
            complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            complete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = completed.Select(o => o.JobId).ToArray() });
            complete.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = completed.Select(o => o.Attempt).ToArray() });
            complete.Parameters.Add(LockedAts(completed));
            batch.BatchCommands.Add(complete);
        }
        var failed = outcomes.Where(o => o.Error is not null).ToArray();
        if (failed.Length > 0)
        {
            var fail = new NpgsqlBatchCommand(Sql.FailJobsBatch);
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
