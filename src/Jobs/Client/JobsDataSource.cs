using Npgsql;

namespace Jobs;

/// <summary>Builds the NpgsqlDataSource the framework runs on: the slim builder with only the features it uses, so NativeAOT stays small and warning-free.</summary>
public static class JobsDataSource
{
    /// <summary>A data source for <paramref name="connectionString"/> (key=value or a postgres:// URL).</summary>
    public static NpgsqlDataSource Create(string connectionString) => CreateBuilder(connectionString).Build();

    /// <summary>
    /// The builder, for callers that add their own settings before building. Unless the
    /// connection string sets <c>Max Auto Prepare</c>, statements used repeatedly are prepared.
    /// </summary>
    public static NpgsqlSlimDataSourceBuilder CreateBuilder(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionStrings.Normalize(connectionString));
        builder.EnableArrays();
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The worker sends a handful of statements thousands of times; planning the batched
            // fetch costs more than running it. Prepared, the drain rate is about 4x (jobs bench).
            // After a schema change, Npgsql drops the stale statement and the worker's retry
            // re-prepares it.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }
        return builder;
    }
}
