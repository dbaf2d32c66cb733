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

    /// <summary>The history's part (<c>--history</c>): its migrations that would run, and the retention that would be set.</summary>
    public static async Task WriteHistoryAsync(TextWriter output, SchemaName historySchema, IReadOnlyList<Migration> pending, TimeSpan? retention, bool withSql)
    {
        var prefix = withSql ? "-- " : "";
        await output.WriteLineAsync(pending.Count == 0
            ? $"{prefix}history {historySchema}: up to date, nothing would be applied"
            : $"{prefix}history {historySchema}: would apply, in one transaction, under an advisory lock:").ConfigureAwait(false);
        foreach (var migration in pending)
        {
            await output.WriteLineAsync($"{prefix}  {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
        }
        if (retention is { } keep)
        {
            await output.WriteLineAsync($"{prefix}history {historySchema}: would keep completed jobs {HistoryReport.Duration(keep)}").ConfigureAwait(false);
        }
        if (!withSql)
        {
            return;
        }
        foreach (var migration in pending)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"-- history {migration.Version:D4}_{migration.Name}").ConfigureAwait(false);
            await output.WriteLineAsync(migration.SqlFor(historySchema).TrimEnd()).ConfigureAwait(false);
        }
    }
}
