using Jobs.Testing.Postgres;

namespace Jobs.Tests.Infrastructure;

/// <summary>The template for each schema flavour: Jobs.Testing's two, plus the 0.47-shaped schema of these tests.</summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> Upstream047 = new(() => JobsTemplates.CreateAsync("upstream047", Jobs.Tests.Shared.Upstream047Schema.InstallAsync));

    /// <summary>The template for <paramref name="flavor"/>.</summary>
    public static Task<DatabaseTemplate> For(SchemaFlavor flavor) => flavor switch
    {
        SchemaFlavor.Installer => JobsTemplates.Installer(),
        SchemaFlavor.Pgpm => JobsTemplates.Pgpm(),
        SchemaFlavor.Upstream047 => Upstream047.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor)),
    };
}
