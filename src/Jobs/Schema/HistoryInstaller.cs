using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs.Schema;

/// <summary>
/// Installs the optional history of completed jobs: a schema of its own beside the jobs schema
/// (<see cref="JobHistorySchema"/>), never inside it, so it works the same beside a schema pgpm
/// deployed. Nothing installs it unless asked (<c>jobs migrate --history</c>). Once it is there,
/// workers record every job they complete in the statement that completes it, and prune records
/// past the retention. Idempotent, one transaction, safe to run from several processes at once.
/// </summary>
public sealed class HistoryInstaller
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlQueries _sql;

    /// <summary>An installer for the history of <paramref name="schema"/> (default <c>app_jobs</c>) in the database of <paramref name="dataSource"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the history suffix.</exception>
    public HistoryInstaller(NpgsqlDataSource dataSource, SchemaName? schema = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _sql = new SqlQueries(schema ?? SchemaName.Default);
        HistorySchema = JobHistorySchema.For(_sql.Schema);
    }

    /// <summary>The schema the history lives in.</summary>
    public SchemaName HistorySchema { get; }

    /// <summary>Inspects the history without changing anything.</summary>
    public async Task<HistoryStatus> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await HistoryStatusReader.ReadAsync(connection, null, _sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The migrations <see cref="InstallAsync"/> would apply now, oldest first.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var installed = await InstalledVersionAsync(connection, null, cancellationToken).ConfigureAwait(false) ?? 0;
        return Migrations.History.Where(m => m.Version > installed).ToArray();
    }

    /// <summary>
    /// Installs the history, or applies its pending migrations, and sets its retention when
    /// <paramref name="retention"/> is given (a new history keeps records 7 days).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is not positive.</exception>
    public async Task<HistoryInstallResult> InstallAsync(TimeSpan? retention = null, CancellationToken cancellationToken = default)
    {
        if (retention is { } keep && keep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "The history's retention must be positive.");
        }
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await MigrationSteps.LockAsync(connection, transaction, SchemaInstaller.MigrationLockKey(HistorySchema), cancellationToken).ConfigureAwait(false);

        var before = await HistoryStatusReader.ReadAsync(connection, transaction, _sql, cancellationToken).ConfigureAwait(false);
        var installed = await InstalledVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = await MigrationSteps.ApplyPendingAsync(connection, transaction, HistorySchema, installed,
            "History migrations applied by the Jobs framework (.NET).", Migrations.History, cancellationToken).ConfigureAwait(false);
        if (retention is { } value)
        {
            await using var set = _sql.Command(connection, transaction, new SetHistoryRetentionQuery(value));
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var after = await HistoryStatusReader.ReadAsync(connection, transaction, _sql, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new HistoryInstallResult(before, after, pending);
    }

    private Task<int?> InstalledVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        MigrationSteps.VersionIfInstalledAsync(connection, transaction, HistorySchema, cancellationToken);
}
