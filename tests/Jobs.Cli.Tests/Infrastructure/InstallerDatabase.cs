using Jobs.Testing.Postgres;
using Jobs.Tests.Shared;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>
/// A class fixture: one database with Jobs' schema for a whole test class, whose job tables
/// <see cref="JobsTest"/> empties before each test. A database per test, for about 100
/// command tests that only read and write jobs, cost their creation, drop and first connection.
/// </summary>
public sealed class InstallerDatabase : ClassDatabase
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}
