using Jobs.Schema;
using Jobs.Testing.Pgpm;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>One template database per schema flavour, prepared once per test run.</summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> Installer = new(() => CreateAsync("installer", InstallAsync));
    private static readonly Lazy<Task<DatabaseTemplate>> Pgpm = new(() => CreateAsync("pgpm", cs => PgpmDatabaseJobs.DeployAsync(cs)));
    private static readonly Lazy<Task<DatabaseTemplate>> NewerUpstream = new(() => CreateAsync("newer", InstallNewerUpstreamAsync));
    private static readonly Lazy<Task<DatabaseTemplate>> Empty = new(() => CreateAsync("empty", _ => Task.CompletedTask));

    /// <summary>The template for <paramref name="flavor"/>.</summary>
    public static Task<DatabaseTemplate> For(SchemaFlavor flavor) => flavor switch
    {
        SchemaFlavor.Installer => Installer.Value,
        SchemaFlavor.Pgpm => Pgpm.Value,
        SchemaFlavor.NewerUpstream => NewerUpstream.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor)),
    };

    /// <summary>A template with no schema at all, for installer tests.</summary>
    public static Task<DatabaseTemplate> EmptyDatabase() => Empty.Value;

    private static async Task<DatabaseTemplate> CreateAsync(string name, Func<string, Task> prepare)
    {
        var server = await SharedPostgresServer.GetAsync();
        return new DatabaseTemplate(server, name, prepare);
    }

    private static async Task InstallNewerUpstreamAsync(string connectionString)
    {
        await InstallAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "NewerUpstreamSchema.sql"));
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InstallAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaInstaller(dataSource).InstallAsync();
    }
}
