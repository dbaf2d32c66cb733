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
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            SchemaShape shape;
            try
            {
                shape = await SchemaShapeReader.ReadAsync(dataSource, schema, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                Log.ShapeReadFailed(logger, attempt, delay, ex);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                continue;
            }
            shape.EnsureServable();
            Log.ShapeRead(logger, schema.Value, shape.Describe());
            return shape;
        }
    }
}
