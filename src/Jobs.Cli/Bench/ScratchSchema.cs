using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>
/// A schema of its own for one bench run, installed by the framework's installer beside the
/// deployment's schema and dropped afterwards: the run measures this server and disk without
/// touching a single job of the application's.
/// </summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private ScratchSchema(NpgsqlDataSource dataSource, SchemaName name)
    {
        _dataSource = dataSource;
        Name = name;
    }

    /// <summary>The schema's name: <c>jobs_bench_</c> and random hex.</summary>
    public SchemaName Name { get; }

    /// <summary>Installs a fresh schema; the role needs CREATE on the database.</summary>
    public static async Task<ScratchSchema> CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var name = new SchemaName("jobs_bench_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6)));
        var scratch = new ScratchSchema(dataSource, name);
        try
        {
            await new SchemaInstaller(dataSource, name).InstallAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await scratch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return scratch;
    }

    /// <summary>Empties the jobs table between measurements, then checkpoints where allowed, so each starts alike.</summary>
    public async Task TruncateAsync(CancellationToken cancellationToken)
    {
        await using (var truncate = _dataSource.CreateCommand($"TRUNCATE {Name.Quoted}.jobs, {Name.Quoted}.job_queues"))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var checkpoint = _dataSource.CreateCommand("CHECKPOINT");
        try
        {
            // A checkpoint during a measurement would charge its page writes to whichever one it hit.
            await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Superuser or pg_checkpoint only; without it the measurements start after a truncate alone.
        }
    }

    /// <summary>How many jobs are left.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var count = _dataSource.CreateCommand($"SELECT count(*) FROM {Name.Quoted}.jobs");
        return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Polls until the jobs table is empty: the last completions are committed.</summary>
    public async Task WaitUntilEmptyAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        while (await CountAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until <paramref name="worker"/> listens and has fetched once, so a measurement meets a
    /// worker that is ready; false if its run ended first.
    /// </summary>
    public static async Task<bool> WaitUntilReadyAsync(JobsWorker worker, Task run, CancellationToken cancellationToken)
    {
        while (!worker.Health.ListenerConnected || worker.Health.LastSuccessfulFetch is null)
        {
            if (run.IsCompleted)
            {
                return false;
            }
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Name.Quoted} CASCADE");
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
