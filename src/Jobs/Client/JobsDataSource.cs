using Npgsql;

namespace Jobs;

/// <summary>Builds the NpgsqlDataSource the framework runs on: the slim builder with only the features it uses, so NativeAOT stays small and warning-free.</summary>
public static class JobsDataSource
{
    /// <summary>A data source for <paramref name="connectionString"/> (key=value or a postgres:// URL).</summary>
    public static NpgsqlDataSource Create(string connectionString) => CreateBuilder(connectionString).Build();

    /// <summary>The builder, for callers that add their own settings before building.</summary>
    public static NpgsqlSlimDataSourceBuilder CreateBuilder(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionStrings.Normalize(connectionString));
        builder.EnableArrays();
        return builder;
    }
}
