using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Jobs.Worker;

/// <summary>The worker's view of app_jobs: fetch, complete, fail, keep locks, release.</summary>
internal abstract class JobStore(NpgsqlDataSource dataSource, SqlQueries sql, FetchSettings settings, ILogger logger) : IAsyncDisposable
{
    protected NpgsqlDataSource DataSource { get; } = dataSource;
    protected SqlQueries Sql { get; } = sql;
    protected FetchSettings Settings { get; } = settings;
    protected ILogger Logger { get; } = logger;

    /// <summary>Locks and returns up to <paramref name="max"/> available jobs.</summary>
    public abstract Task<List<JobRow>> FetchAsync(int max, CancellationToken cancellationToken);

    /// <summary>Records success. May be deferred to a batch; <see cref="FlushAsync"/> waits for it.</summary>
    public abstract ValueTask CompleteAsync(JobRow job, CancellationToken cancellationToken);

    /// <summary>Records failure with a non-empty message; permanent failures are never retried.</summary>
    public abstract ValueTask FailAsync(JobRow job, string error, bool permanent, CancellationToken cancellationToken);

    /// <summary>Waits until every deferred completion and failure is written.</summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refreshes locked_at of the jobs this worker still runs, and of their queues.</summary>
    public async Task RenewLocksAsync(long[] jobIds, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(Sql.RenewLocks);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = jobIds });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the jobs this worker could start now.</summary>
    public async Task<long> CountReadyAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(Sql.ReadyCount);
        command.Parameters.Add(TaskFilterParameter());
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Settings.JobExpiry.TotalSeconds });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>release_jobs: unlocks what this worker holds and gives the attempts back.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        DatabaseRetry.RunAsync(async ct =>
        {
            await using var command = DataSource.CreateCommand(Sql.ReleaseJobs);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.WorkerId });
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "release_jobs", Logger, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected NpgsqlParameter TaskFilterParameter() => new()
    {
        Value = Settings.TaskFilter is { } tasks ? tasks : DBNull.Value,
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
    };
}
