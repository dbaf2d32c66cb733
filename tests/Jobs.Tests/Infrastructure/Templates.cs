using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>The template for each schema flavour: Jobs.Testing's, plus the newer-upstream variant of these tests.</summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> NewerUpstream = new(() => JobsTemplates.CreateAsync("newer", InstallNewerUpstreamAsync));

    /// <summary>The template for <paramref name="flavor"/>.</summary>
    public static Task<DatabaseTemplate> For(SchemaFlavor flavor) => flavor switch
    {
        SchemaFlavor.Installer => JobsTemplates.Installer(),
        SchemaFlavor.Pgpm => JobsTemplates.Pgpm(),
        SchemaFlavor.NewerUpstream => NewerUpstream.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor)),
    };

    private static async Task InstallNewerUpstreamAsync(string connectionString)
    {
        await JobsTemplates.InstallAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "NewerUpstreamSchema.sql"));
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
