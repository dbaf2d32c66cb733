using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs.Schema;

/// <summary>Reads a <see cref="SchemaShape"/> from the catalog in one round trip.</summary>
public static class SchemaShapeReader
{
    /// <summary>Reads the shape of <paramref name="schema"/> (default <c>app_jobs</c>).</summary>
    public static async Task<SchemaShape> ReadAsync(NpgsqlDataSource dataSource, SchemaName? schema = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, schema ?? SchemaName.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the shape of <paramref name="schema"/> on an open connection, inside <paramref name="transaction"/> when given.</summary>
    public static async Task<SchemaShape> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SchemaName schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);
        var sql = new SqlQueries(schema);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var versionTable = new NpgsqlBatchCommand("SELECT to_regclass($1) IS NOT NULL");
        versionTable.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema.Qualify(SchemaInstaller.VersionTable) });
        batch.BatchCommands.Add(versionTable);
        batch.BatchCommands.Add(sql.BatchCommand(new ShapeColumnsQuery(Table: schema.Qualify("jobs"))));
        batch.BatchCommands.Add(sql.BatchCommand(new ShapeFunctionsQuery(Schema: schema.Value)));
        batch.BatchCommands.Add(sql.BatchCommand(new ShapeIndexesQuery(Table: schema.Qualify("jobs"))));
        batch.BatchCommands.Add(sql.BatchCommand(new ShapeSecurityDefinersQuery(Schema: schema.Value)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var hasVersionTable = reader.GetBoolean(0);

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var functions = new List<SchemaFunction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            functions.Add(new SchemaFunction(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetInt16(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var indexes = new List<SchemaIndex>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            indexes.Add(new SchemaIndex(reader.GetString(0), reader.GetFieldValue<string[]>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var unpinned = new List<DefinerFunction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            unpinned.Add(new DefinerFunction(reader.GetString(0), reader.GetString(1)));
        }
        return new SchemaShape(schema, hasVersionTable, columns, functions, indexes, unpinned);
    }
}
