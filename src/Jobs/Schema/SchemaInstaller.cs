using Npgsql;

namespace Jobs.Schema;

/// <summary>
/// Installs and upgrades the app_jobs schema. Idempotent, one transaction per run, and safe
/// when several processes run it at once: they queue on an advisory lock, and the later ones
/// find the work done. A schema deployed by another tool (pgpm) is recognised and left alone.
/// </summary>
public sealed class SchemaInstaller
{
    /// <summary>The table in which the framework records the migrations it applied.</summary>
    public const string VersionTable = "jobs_migrations";

    /// <summary>The functions the framework calls; an externally managed schema must have them.</summary>
    public static IReadOnlyList<string> RequiredFunctions { get; } =
    [
        "add_job", "get_job", "complete_job", "complete_jobs", "fail_job", "permanently_fail_jobs",
        "reschedule_jobs", "release_jobs", "add_scheduled_job", "get_scheduled_job",
        "run_scheduled_job", "release_scheduled_jobs",
    ];

    /// <summary>
    /// The advisory-lock key (hashed with <c>hashtext</c>) installers of <paramref name="schema"/>
    /// queue on; other tools may take it to keep installers out while they change the schema.
    /// </summary>
    public static string MigrationLockKey(SchemaName schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return "jobs.migrate." + schema.Value;
    }

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaName _schema;

    /// <summary>An installer for <paramref name="schema"/> (default <c>app_jobs</c>) in the database of <paramref name="dataSource"/>.</summary>
    public SchemaInstaller(NpgsqlDataSource dataSource, SchemaName? schema = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _schema = schema ?? SchemaName.Default;
    }

    /// <summary>Inspects the schema without changing anything.</summary>
    public async Task<SchemaStatus> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await InspectAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies every pending migration in one transaction and returns the state before and after.
    /// An externally managed or newer schema is not touched.
    /// </summary>
    public async Task<SchemaInstallResult> InstallAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Serialises concurrent installers of this schema; released with the transaction.
        await MigrationSteps.LockAsync(connection, transaction, MigrationLockKey(_schema), cancellationToken).ConfigureAwait(false);

        var before = await InspectAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (before.State is not (SchemaState.Missing or SchemaState.OutOfDate))
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SchemaInstallResult(before, before, []);
        }

        if (before.State == SchemaState.Missing)
        {
            await MigrationSteps.CreateVersionTableAsync(connection, transaction, _schema,
                "Schema migrations applied by the Jobs framework (.NET).", cancellationToken).ConfigureAwait(false);
        }

        foreach (var migration in before.Pending)
        {
            await MigrationSteps.ApplyAsync(connection, transaction, _schema, migration, cancellationToken).ConfigureAwait(false);
        }

        var after = await InspectAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SchemaInstallResult(before, after, before.Pending);
    }

    private async Task<SchemaStatus> InspectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        bool hasVersionTable, hasJobsTable;
        await using (var tables = new NpgsqlCommand(
            "SELECT to_regclass($1) IS NOT NULL, to_regclass($2) IS NOT NULL", connection, transaction))
        {
            tables.Parameters.Add(new NpgsqlParameter { Value = _schema.Qualify(VersionTable) });
            tables.Parameters.Add(new NpgsqlParameter { Value = _schema.Qualify("jobs") });
            await using var reader = await tables.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            hasVersionTable = reader.GetBoolean(0);
            hasJobsTable = reader.GetBoolean(1);
        }

        if (!hasVersionTable)
        {
            if (!hasJobsTable)
            {
                return new SchemaStatus(_schema, SchemaState.Missing, 0, Migrations.All, []);
            }
            var missing = await FindMissingFunctionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return new SchemaStatus(_schema, SchemaState.ExternallyManaged, 0, [], missing);
        }

        var installed = await MigrationSteps.InstalledVersionAsync(connection, transaction, _schema, cancellationToken).ConfigureAwait(false);
        var pending = Migrations.All.Where(m => m.Version > installed).ToArray();
        var state = installed > Migrations.LatestVersion ? SchemaState.Newer
            : pending.Length > 0 ? SchemaState.OutOfDate
            : SchemaState.UpToDate;
        return new SchemaStatus(_schema, state, installed, pending, []);
    }

    private async Task<IReadOnlyList<string>> FindMissingFunctionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT required.name
              FROM unnest($2::text[]) AS required(name)
             WHERE NOT EXISTS (
                   SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = $1 AND p.proname = required.name)
             ORDER BY 1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _schema.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = RequiredFunctions.ToArray() });
        var missing = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            missing.Add(reader.GetString(0));
        }
        return missing;
    }
}
