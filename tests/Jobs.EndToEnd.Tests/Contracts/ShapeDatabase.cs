using Jobs.Testing.Postgres;
using Jobs.Tests.Shared;

namespace Jobs.EndToEnd.Tests.Contracts;

/// <summary>A class fixture: a fresh database of one app_jobs shape (our installer's, the genuine pgpm 0.16, the 0.47 shape).</summary>
public abstract class ShapeDatabase : ClassDatabase
{
    private static readonly Lazy<Task<DatabaseTemplate>> Upstream047 = new(() => JobsTemplates.CreateAsync("e2e_upstream047", Jobs.Tests.Shared.Upstream047Schema.InstallAsync));

    /// <summary>True for the 0.47 shape: add_job takes the database and the actor from JWT claims.</summary>
    public abstract bool IsUpstream047 { get; }

    public string ConnectionString => Database.ConnectionString;

    /// <summary>A data source over the database, shared by the class's tests: one per test cost a first connection and a type load each.</summary>
    public Npgsql.NpgsqlDataSource DataSource => Database.DataSource;

    protected static Task<DatabaseTemplate> Upstream047Template() => Upstream047.Value;
}

public sealed class InstallerShapeDatabase : ShapeDatabase
{
    public override bool IsUpstream047 => false;

    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}

public sealed class PgpmShapeDatabase : ShapeDatabase
{
    public override bool IsUpstream047 => false;

    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Pgpm();
}

public sealed class Upstream047ShapeDatabase : ShapeDatabase
{
    public override bool IsUpstream047 => true;

    protected override Task<DatabaseTemplate> TemplateAsync() => Upstream047Template();
}
