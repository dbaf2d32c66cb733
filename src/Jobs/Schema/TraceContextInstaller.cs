using Npgsql;

namespace Jobs.Schema;

/// <summary>
/// Installs the optional store of jobs' creation contexts: a schema of its own beside the jobs
/// schema (<see cref="JobTraceSchema"/>), never inside it, so it works the same beside a schema
/// pgpm deployed. Nothing installs it unless asked. Once it is there, clients that are traced
/// store the context each job was enqueued in, and workers link each run's span to it and remove
/// the contexts of jobs that are gone. Idempotent, one transaction, safe to run from several
/// processes at once.
/// </summary>
public sealed class TraceContextInstaller
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>An installer for the trace contexts of <paramref name="schema"/> (default <c>app_jobs</c>) in the database of <paramref name="dataSource"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the trace suffix.</exception>
    public TraceContextInstaller(NpgsqlDataSource dataSource, SchemaName? schema = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        TraceSchema = JobTraceSchema.For(schema ?? SchemaName.Default);
    }

    /// <summary>The schema the contexts live in.</summary>
    public SchemaName TraceSchema { get; }

    /// <summary>The version the trace schema is at: 0 when it is not installed.</summary>
    public async Task<int> InstalledVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await InstalledVersionAsync(connection, null, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>The migrations <see cref="InstallAsync"/> would apply now, oldest first.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var installed = await InstalledVersionAsync(cancellationToken).ConfigureAwait(false);
        return Migrations.TraceContexts.Where(m => m.Version > installed).ToArray();
    }

    /// <summary>Installs the trace schema, or applies its pending migrations; returns the migrations applied, oldest first.</summary>
    public async Task<IReadOnlyList<Migration>> InstallAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await MigrationSteps.LockAsync(connection, transaction, SchemaInstaller.MigrationLockKey(TraceSchema), cancellationToken).ConfigureAwait(false);
        var installed = await InstalledVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = await MigrationSteps.ApplyPendingAsync(connection, transaction, TraceSchema, installed,
            "Trace-context migrations applied by the Jobs framework (.NET).", Migrations.TraceContexts, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pending;
    }

    private Task<int?> InstalledVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        MigrationSteps.VersionIfInstalledAsync(connection, transaction, TraceSchema, cancellationToken);
}
