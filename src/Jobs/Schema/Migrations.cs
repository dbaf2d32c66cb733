using System.Globalization;
using System.Reflection;

namespace Jobs.Schema;

/// <summary>The schema's migrations, embedded in this assembly as <c>Jobs.Schema.Migrations.NNNN_name.sql</c>.</summary>
public static class Migrations
{
    private const string Prefix = "Jobs.Schema.Migrations.";

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The version a fully migrated schema has.</summary>
    public static int LatestVersion => All[^1].Version;

    private static Migration[] Load()
    {
        var assembly = typeof(Migrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToArray();
        if (migrations.Length == 0)
        {
            throw new InvalidOperationException("The Jobs assembly carries no schema migrations; it was built incorrectly.");
        }
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[Prefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
