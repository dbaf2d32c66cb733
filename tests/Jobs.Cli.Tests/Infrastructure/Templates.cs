using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>Fresh databases for the CLI tests, cloned from Jobs.Testing's templates.</summary>
public static class Templates
{
    /// <summary>A database with no schema of ours at all.</summary>
    public static async Task<TestDatabase> EmptyDatabaseAsync() => await (await JobsTemplates.Empty()).CloneAsync();

    /// <summary>A database whose app_jobs schema the genuine @pgpm/database-jobs SQL made, as pgpm deploys it.</summary>
    public static async Task<TestDatabase> PgpmDatabaseAsync() => await (await JobsTemplates.Pgpm()).CloneAsync();

    private static readonly Lazy<Task<DatabaseTemplate>> Upstream047 = new(() => JobsTemplates.CreateAsync("cli_upstream047", Jobs.Tests.Shared.Upstream047Schema.InstallAsync));

    /// <summary>A database whose app_jobs is shaped like @pgpm/database-jobs 0.47 (Jobs.Tests' Upstream047Schema.sql).</summary>
    public static async Task<TestDatabase> Upstream047DatabaseAsync() => await (await Upstream047.Value).CloneAsync();
}
