using Npgsql;

namespace Jobs.Schema;

/// <summary>
/// The steps both installers take inside their one transaction (<see cref="SchemaInstaller"/> for
/// the jobs schema, <see cref="HistoryInstaller"/> for the history): queue on an advisory lock,
/// create the version table, apply a migration and record it.
/// </summary>
internal static class MigrationSteps
{
    /// <summary>Waits for the advisory lock of <paramref name="key"/> (hashed with hashtext); it is released with the transaction.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates <paramref name="schema"/> if missing, and its version table, described by <paramref name="comment"/>.</summary>
    public static Task CreateVersionTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema, string comment, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {schema.Quoted};
            CREATE TABLE {schema.Qualify(SchemaInstaller.VersionTable)} (
              version int PRIMARY KEY,
              name text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE {schema.Qualify(SchemaInstaller.VersionTable)} IS '{comment.Replace("'", "''", StringComparison.Ordinal)}';
            """, cancellationToken);

    /// <summary>The highest version recorded in the version table of <paramref name="schema"/>; 0 when none.</summary>
    public static async Task<int> InstalledVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SchemaName schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {schema.Qualify(SchemaInstaller.VersionTable)}", connection, transaction);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The version a companion schema (history, trace contexts) is at; null when it has no version table yet.</summary>
    public static async Task<int?> VersionIfInstalledAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SchemaName schema, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema.Qualify(SchemaInstaller.VersionTable) });
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return null;
            }
        }
        return await InstalledVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="migration"/> for <paramref name="schema"/> and records it in its version table.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema, Migration migration, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, migration.SqlFor(schema), cancellationToken).ConfigureAwait(false);
        await using var record = new NpgsqlCommand($"INSERT INTO {schema.Qualify(SchemaInstaller.VersionTable)} (version, name) VALUES ($1, $2)", connection, transaction);
        record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings a companion schema (history, trace contexts) from its installed version to the newest of
    /// <paramref name="migrations"/>: creates its version table when there is none (<paramref name="installed"/>
    /// null), then applies each newer migration. Returns the migrations applied.
    /// </summary>
    public static async Task<Migration[]> ApplyPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema, int? installed, string comment, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        if (installed is null)
        {
            await CreateVersionTableAsync(connection, transaction, schema, comment, cancellationToken).ConfigureAwait(false);
        }
        var pending = migrations.Where(m => m.Version > (installed ?? 0)).ToArray();
        foreach (var migration in pending)
        {
            await ApplyAsync(connection, transaction, schema, migration, cancellationToken).ConfigureAwait(false);
        }
        return pending;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
