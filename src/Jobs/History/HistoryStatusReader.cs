using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

/// <summary>Reads a <see cref="HistoryStatus"/>: what the catalog says, then the retention where the role may read it.</summary>
internal static class HistoryStatusReader
{
    public static async Task<HistoryStatus> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SqlQueries sql, CancellationToken cancellationToken)
    {
        var schema = JobHistorySchema.For(sql.Schema);
        bool installed, canRecord, canRead;
        await using (var status = sql.Command(connection, transaction, new HistoryStatusQuery(schema.Value)))
        await using (var reader = await status.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (installed, canRecord, canRead) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }
        TimeSpan? retention = null;
        if (canRead)
        {
            await using var read = sql.Command(connection, transaction, new HistoryRetentionQuery());
            retention = (TimeSpan?)await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        return new HistoryStatus(schema, installed, canRecord, canRead, retention);
    }
}
