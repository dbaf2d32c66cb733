using Jobs.Testing.Postgres;
using Jobs.Tests.Shared;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>A class fixture: a fresh database with the app_jobs schema, cloned from the template.</summary>
public sealed class SchemaDatabase : ClassDatabase
{
    public string ConnectionString => Database.ConnectionString;

    protected override Task<DatabaseTemplate> TemplateAsync() => JobsTemplates.Installer();
}
