using Jobs.Schema;
using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>The template database with our installer's schema, prepared once per test run.</summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> Installer = new(CreateAsync);

    public static Task<DatabaseTemplate> InstallerSchema() => Installer.Value;

    private static async Task<DatabaseTemplate> CreateAsync()
    {
        var server = await SharedPostgresServer.GetAsync();
        return new DatabaseTemplate(server, "e2e", InstallAsync);
    }

    private static async Task InstallAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaInstaller(dataSource).InstallAsync();
    }
}
