using Jobs.Testing.Pgpm;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>
/// Template databases, prepared once per test run; each test clones its own database from one
/// (milliseconds) and drops it afterwards. Same pattern as tests/Jobs.Tests/Infrastructure.
/// </summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> Empty = new(() => CreateAsync("cli_empty", _ => Task.CompletedTask));
    private static readonly Lazy<Task<DatabaseTemplate>> Pgpm = new(() => CreateAsync("cli_pgpm", cs => PgpmDatabaseJobs.DeployAsync(cs)));

    /// <summary>A database with no schema of ours at all.</summary>
    public static async Task<TestDatabase> EmptyDatabaseAsync() => await (await Empty.Value).CloneAsync();

    /// <summary>A database whose app_jobs schema the genuine @pgpm/database-jobs SQL made, as pgpm deploys it.</summary>
    public static async Task<TestDatabase> PgpmDatabaseAsync() => await (await Pgpm.Value).CloneAsync();

    private static async Task<DatabaseTemplate> CreateAsync(string name, Func<string, Task> prepare)
    {
        var server = await SharedPostgresServer.GetAsync();
        return new DatabaseTemplate(server, name, prepare);
    }
}
