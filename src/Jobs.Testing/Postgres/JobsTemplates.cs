using Jobs.Schema;
using Jobs.Testing.Pgpm;
using Npgsql;

namespace Jobs.Testing.Postgres;

/// <summary>
/// The template databases tests clone from, each prepared once per test process on the shared
/// server: our installer's schema, the genuine pgpm schema, and an empty database.
/// </summary>
public static class JobsTemplates
{
    private static readonly Lazy<Task<DatabaseTemplate>> InstallerTemplate = new(() => CreateAsync("installer", InstallAsync));
    private static readonly Lazy<Task<DatabaseTemplate>> PgpmTemplate = new(() => CreateAsync("pgpm", cs => PgpmDatabaseJobs.DeployAsync(cs)));
    private static readonly Lazy<Task<DatabaseTemplate>> EmptyTemplate = new(() => CreateAsync("empty", _ => Task.CompletedTask));

    /// <summary>A database with app_jobs installed by <see cref="SchemaInstaller"/>.</summary>
    public static Task<DatabaseTemplate> Installer() => InstallerTemplate.Value;

    /// <summary>A database with app_jobs deployed from the genuine @pgpm/database-jobs SQL.</summary>
    public static Task<DatabaseTemplate> Pgpm() => PgpmTemplate.Value;

    /// <summary>A database with nothing in it.</summary>
    public static Task<DatabaseTemplate> Empty() => EmptyTemplate.Value;

    /// <summary>A template of your own on the shared server, prepared by <paramref name="prepare"/> (given its connection string).</summary>
    public static async Task<DatabaseTemplate> CreateAsync(string name, Func<string, Task> prepare)
    {
        var server = await SharedPostgresServer.GetAsync().ConfigureAwait(false);
        return new DatabaseTemplate(server, name, prepare);
    }

    /// <summary>Installs app_jobs with <see cref="SchemaInstaller"/> into the database of <paramref name="connectionString"/>.</summary>
    public static async Task InstallAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaInstaller(dataSource).InstallAsync().ConfigureAwait(false);
    }
}
