using Jobs.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Schema;

/// <summary>
/// The worker's and scheduler's first step: read the schema's shape, waiting out a database that
/// is not up yet, and refuse a schema they cannot serve there and then, with one clear message.
/// </summary>
internal static class StartupShape
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <exception cref="UnsupportedSchemaException">The schema lacks something the framework calls.</exception>
    public static async Task<SchemaShape> ReadAsync(NpgsqlDataSource dataSource, SchemaName schema, ILogger logger, CancellationToken cancellationToken)
    {
        var shape = await WithRetriesAsync(ct => SchemaShapeReader.ReadAsync(dataSource, schema, ct), logger, cancellationToken).ConfigureAwait(false);
        shape.EnsureServable();
        Log.ShapeRead(logger, schema.Value, shape.Describe());
        return shape;
    }

    /// <summary>
    /// Whether a worker records completions: the history is installed (and the jobs schema's name
    /// can have one), and the worker's role may write it.
    /// </summary>
    /// <exception cref="UnsupportedSchemaException">The history is installed and the role may not record into it or prune it.</exception>
    public static async Task<bool> RecordsHistoryAsync(NpgsqlDataSource dataSource, SqlQueries sql, ILogger logger, CancellationToken cancellationToken)
    {
        if (!JobHistorySchema.CanHave(sql.Schema))
        {
            return false;
        }
        var history = await WithRetriesAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            return await HistoryStatusReader.ReadAsync(connection, null, sql, ct).ConfigureAwait(false);
        }, logger, cancellationToken).ConfigureAwait(false);
        if (!history.Installed)
        {
            return false;
        }
        if (!history.CanRecord)
        {
            throw new UnsupportedSchemaException(history.Schema,
            [
                $"the history of completed jobs is installed, and this worker's role may not record into it: it needs USAGE on schema {history.Schema.Quoted}, " +
                $"SELECT, INSERT and DELETE on {history.Schema.Qualify("completed_jobs")} and SELECT on {history.Schema.Qualify("settings")} " +
                "(`jobs grants worker --role <role>` prints them), or set JobsWorkerOptions.RecordHistory = false",
            ]);
        }
        Log.RecordingHistory(logger, history.Schema.Value, history.Retention);
        return true;
    }

    private static async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> read, ILogger logger, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                Log.ShapeReadFailed(logger, attempt, delay, ex);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
