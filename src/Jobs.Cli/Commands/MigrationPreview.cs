using Jobs.Schema;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs migrate --dry-run</c> and <c>--show-sql</c>: the state, then each migration that would run, with its SQL when asked.</summary>
internal static class MigrationPreview
{
    public static async Task WriteAsync(TextWriter output, SchemaStatus status, bool withSql)
    {
        var prefix = withSql ? "-- " : "";
        await output.WriteLineAsync(prefix + status.Describe()).ConfigureAwait(false);
        if (status.Pending.Count == 0)
        {
            await output.WriteLineAsync(prefix + "nothing would be applied").ConfigureAwait(false);
            return;
        }
        if (status.State == SchemaState.Missing)
        {
            await output.WriteLineAsync($"{prefix}would first create schema {status.Schema} and its version table {SchemaInstaller.VersionTable}").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"{prefix}would apply, in one transaction, under an advisory lock:").ConfigureAwait(false);
        foreach (var migration in status.Pending)
        {
            await output.WriteLineAsync($"{prefix}  {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
        }
        if (!withSql)
        {
            return;
        }
        foreach (var migration in status.Pending)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"-- {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
            await output.WriteLineAsync(migration.SqlFor(status.Schema).TrimEnd()).ConfigureAwait(false);
        }
    }

    /// <summary>What installing the history would apply, and the retention it would set.</summary>
    public static Task WriteHistoryAsync(TextWriter output, SchemaName historySchema, IReadOnlyList<Migration> pending, TimeSpan? retention, bool withSql) =>
        WriteCompanionAsync(output, "history", historySchema, pending,
            retention is { } keep ? $"history {historySchema}: would keep completed jobs {HistoryReport.Duration(keep)}" : null, withSql);

    /// <summary>What installing the trace contexts' schema would apply.</summary>
    public static Task WriteTraceContextsAsync(TextWriter output, SchemaName traceSchema, IReadOnlyList<Migration> pending, bool withSql) =>
        WriteCompanionAsync(output, "trace contexts", traceSchema, pending, null, withSql);

    /// <summary>The pending migrations of a schema of the framework's own (<paramref name="what"/>), then <paramref name="note"/>, then their SQL when asked.</summary>
    private static async Task WriteCompanionAsync(TextWriter output, string what, SchemaName schema, IReadOnlyList<Migration> pending, string? note, bool withSql)
    {
        var prefix = withSql ? "-- " : "";
        await output.WriteLineAsync(pending.Count == 0
            ? $"{prefix}{what} {schema}: up to date, nothing would be applied"
            : $"{prefix}{what} {schema}: would apply, in one transaction, under an advisory lock:").ConfigureAwait(false);
        foreach (var migration in pending)
        {
            await output.WriteLineAsync($"{prefix}  {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
        }
        if (note is not null)
        {
            await output.WriteLineAsync(prefix + note).ConfigureAwait(false);
        }
        if (!withSql)
        {
            return;
        }
        foreach (var migration in pending)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"-- {what} {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
            await output.WriteLineAsync(migration.SqlFor(schema).TrimEnd()).ConfigureAwait(false);
        }
    }
}
