using System.Threading.Channels;
using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// Fetches many jobs per statement and writes outcomes in batches: one writer drains every
/// outcome that arrived while the previous write was in flight, so batches grow with load and
/// an idle worker writes each outcome at once.
/// </summary>
internal sealed class BatchedJobStore : JobStore
{
    private const int MaxBatch = 5000;

    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _writer;

    private readonly WorkSignal _written;

    public BatchedJobStore(NpgsqlDataSource dataSource, SqlQueries sql, FetchSettings settings, ILogger logger, WorkSignal written)
        : base(dataSource, sql, settings, logger)
    {
        _written = written;
        _writer = Task.Run(WriteLoopAsync);
    }

    public override async Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(Sql.FetchJobs);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
        command.Parameters.Add(TaskFilterParameter());
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
        // The UPDATE returns rows in no set order; run them in the order get_job would have.
        jobs.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : a.RunAt != b.RunAt ? a.RunAt.CompareTo(b.RunAt)
            : a.Id.CompareTo(b.Id));
        return jobs;
    }

    public override ValueTask CompleteAsync(JobRow job, CancellationToken cancellationToken) =>
        _outcomes.Writer.WriteAsync(new Outcome(job.Id, null, false, null), cancellationToken);

    public override ValueTask FailAsync(JobRow job, string error, bool permanent, CancellationToken cancellationToken) =>
        _outcomes.Writer.WriteAsync(new Outcome(job.Id, ErrorFormatter.Limit(error), permanent, null), cancellationToken);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _outcomes.Writer.WriteAsync(new Outcome(0, null, false, flushed), cancellationToken).ConfigureAwait(false);
        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        _outcomes.Writer.TryComplete();
        // Outcomes still queued are written unless the database stays away this long; past it
        // their jobs are recovered by lock expiry, as after a crash.
        _abandon.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _abandon.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outcomes.Reader;
        var batch = new List<Outcome>();
        while (await reader.WaitToReadAsync(_abandon.Token).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            var results = batch.Where(o => o.Flushed is null).ToList();
            if (results.Count > 0)
            {
                await DatabaseRetry.RunAsync(ct => WriteAsync(results, ct), "complete/fail batch", Logger, _abandon.Token).ConfigureAwait(false);
                // Named queues were unlocked by the write: their next jobs may run now.
                _written.Set();
            }
            foreach (var marker in batch)
            {
                marker.Flushed?.TrySetResult();
            }
        }
    }

    private async Task WriteAsync(List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        await using var batch = DataSource.CreateBatch();
        var completed = outcomes.Where(o => o.Error is null).Select(o => o.JobId).ToArray();
        if (completed.Length > 0)
        {
            var complete = new NpgsqlBatchCommand(Sql.CompleteJobsBatch);
            complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            complete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = completed });
            batch.BatchCommands.Add(complete);
        }
        var failed = outcomes.Where(o => o.Error is not null).ToArray();
        if (failed.Length > 0)
        {
            var fail = new NpgsqlBatchCommand(Sql.FailJobsBatch);
            fail.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            fail.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = failed.Select(o => o.JobId).ToArray() });
            fail.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = failed.Select(o => o.Error!).ToArray() });
            fail.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = failed.Select(o => o.Permanent).ToArray() });
            batch.BatchCommands.Add(fail);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Outcome(long JobId, string? Error, bool Permanent, TaskCompletionSource? Flushed);
}
