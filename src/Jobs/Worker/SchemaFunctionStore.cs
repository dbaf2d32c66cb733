using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Jobs.Worker;

/// <summary>
/// The schema's own functions, so it works against any deployment of app_jobs with its exact
/// semantics: get_job, complete_job, fail_job. Calls share round trips and commits: a fetch sends
/// up to <see cref="CallsPerRoundTrip"/> get_job calls in one batch (one implicit transaction,
/// where each call sees the jobs and queues the previous ones locked), and a batch of outcomes
/// is one complete_job or fail_job call per job in one round trip.
/// </summary>
internal sealed class SchemaFunctionStore(NpgsqlDataSource dataSource, SqlQueries sql, FetchSettings settings, ILogger logger, WorkSignal written)
    : JobStore(dataSource, sql, settings, logger, written)
{
    /// <summary>
    /// get_job calls per round trip. Past the last available job each call still costs a scan,
    /// so a fetch grows in rounds and stops at the first round that comes back short.
    /// </summary>
    internal const int CallsPerRoundTrip = 64;

    public override async Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRow>(max);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (jobs.Count < max)
        {
            var calls = Math.Min(CallsPerRoundTrip, max - jobs.Count);
            await using var batch = new NpgsqlBatch(connection);
            for (var i = 0; i < calls; i++)
            {
                var getJob = new NpgsqlBatchCommand(Sql.GetJob);
                getJob.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
                getJob.Parameters.Add(TaskFilterParameter());
                getJob.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
                batch.BatchCommands.Add(getJob);
            }
            var found = 0;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                do
                {
                    foreach (var job in await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false))
                    {
                        jobs.Add(job);
                        found++;
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }
            if (found < calls)
            {
                break;
            }
        }
        return jobs;
    }

    protected override async Task WriteOutcomesAsync(IReadOnlyList<JobOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var batch = DataSource.CreateBatch();
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is null)
            {
                var complete = new NpgsqlBatchCommand(Sql.CompleteJob);
                complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
                complete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = outcome.JobId });
                batch.BatchCommands.Add(complete);
                continue;
            }
            var fail = new NpgsqlBatchCommand(Sql.FailJob);
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            fail.Parameters.Add(new NpgsqlParameter<long> { TypedValue = outcome.JobId });
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = outcome.Error });
            batch.BatchCommands.Add(fail);
            if (outcome.Permanent)
            {
                // fail_job has just unlocked the job (and pushed run_at out), so the admin
                // function, which refuses locked jobs, takes it.
                var stop = new NpgsqlBatchCommand(Sql.PermanentlyFailJobs);
                stop.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [outcome.JobId] });
                stop.Parameters.Add(new NpgsqlParameter { Value = outcome.Error, NpgsqlDbType = NpgsqlDbType.Text });
                batch.BatchCommands.Add(stop);
            }
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
