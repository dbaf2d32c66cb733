using Jobs.Testing.Postgres;
using Jobs.Tests.Shared;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>
/// A class fixture: one database of a schema shape for a whole test class, whose job tables
/// <see cref="DashboardTest"/> empties before each test (a database per test took the project
/// from 24-30 s of CPU to 40-46 s).
/// </summary>
public abstract class DashboardDatabase : ClassDatabase;

/// <summary>A class database whose schema our installer made.</summary>
public sealed class InstallerDashboardDatabase : DashboardDatabase
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}

/// <summary>A class database whose schema the genuine @pgpm/database-jobs SQL made.</summary>
public sealed class PgpmDashboardDatabase : DashboardDatabase
{
    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Pgpm();
}
