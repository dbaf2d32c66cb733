using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Jobs.Worker;

/// <summary>The schema's own functions, one job per call: works against any deployment of app_jobs.</summary>
internal sealed class SchemaFunctionStore(NpgsqlDataSource dataSource, SqlQueries sql, FetchSettings settings, ILogger logger)
    : JobStore(dataSource, sql, settings, logger)
{
    public override async Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRow>(max);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql.GetJob, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
        command.Parameters.Add(TaskFilterParameter());
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
        while (jobs.Count < max)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }
            jobs.Add(rows[0]);
        }
        return jobs;
    }

    public override async ValueTask CompleteAsync(JobRow job, CancellationToken cancellationToken) =>
        await DatabaseRetry.RunAsync(async ct =>
        {
            await using var command = DataSource.CreateCommand(Sql.CompleteJob);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = job.Id });
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "complete_job", Logger, cancellationToken).ConfigureAwait(false);

    public override async ValueTask FailAsync(JobRow job, string error, bool permanent, CancellationToken cancellationToken) =>
        await DatabaseRetry.RunAsync(async ct =>
        {
            await using var batch = DataSource.CreateBatch();
            var fail = new NpgsqlBatchCommand(Sql.FailJob);
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            fail.Parameters.Add(new NpgsqlParameter<long> { TypedValue = job.Id });
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ErrorFormatter.Limit(error) });
            batch.BatchCommands.Add(fail);
            if (permanent)
            {
                // fail_job has just unlocked the job (and pushed run_at out), so the admin
                // function, which refuses locked jobs, takes it.
                var stop = new NpgsqlBatchCommand(Sql.PermanentlyFailJobs);
                stop.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [job.Id] });
                stop.Parameters.Add(new NpgsqlParameter { Value = ErrorFormatter.Limit(error), NpgsqlDbType = NpgsqlDbType.Text });
                batch.BatchCommands.Add(stop);
            }
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "fail_job", Logger, cancellationToken).ConfigureAwait(false);
}
