using Jobs.Schema;
using Npgsql;

namespace Jobs;

/// <summary>
/// The schema's shape, read on first use and kept: one catalog read per client, retried on the
/// next call when it failed (the database may have been away).
/// </summary>
internal sealed class SchemaShapeCache(NpgsqlDataSource dataSource, SchemaName schema)
{
    private Task<SchemaShape>? _shape;

    /// <summary>The shape; throws <see cref="UnsupportedSchemaException"/> when the schema cannot be served.</summary>
    public async Task<SchemaShape> GetAsync(CancellationToken cancellationToken)
    {
        var pending = _shape;
        if (pending is null || pending.IsFaulted || pending.IsCanceled)
        {
            pending = ReadAsync();
            Volatile.Write(ref _shape, pending);
        }
        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SchemaShape> ReadAsync()
    {
        // Not tied to one caller's token: several callers may wait on the same read.
        var shape = await SchemaShapeReader.ReadAsync(dataSource, schema, CancellationToken.None).ConfigureAwait(false);
        shape.EnsureServable();
        return shape;
    }
}
