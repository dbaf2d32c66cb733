using System.Globalization;
using System.Reflection;

namespace Jobs.Schema;

/// <summary>
/// The schema's migrations, embedded in this assembly as <c>Jobs.Schema.Migrations.NNNN_name.sql</c>,
/// and those of the optional history and trace schemas (<c>Jobs.History.Migrations.NNNN_name.sql</c>,
/// <c>Jobs.Tracing.Migrations.NNNN_name.sql</c>).
/// </summary>
public static class Migrations
{
    /// <summary>Every migration of the jobs schema, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load("Jobs.Schema.Migrations.");

    /// <summary>Every migration of the history schema (<see cref="HistoryInstaller"/>), oldest first.</summary>
    public static IReadOnlyList<Migration> History { get; } = Load("Jobs.History.Migrations.");

    /// <summary>Every migration of the trace schema (<see cref="TraceContextInstaller"/>), oldest first.</summary>
    public static IReadOnlyList<Migration> TraceContexts { get; } = Load("Jobs.Tracing.Migrations.");

    /// <summary>The version a fully migrated schema has.</summary>
    public static int LatestVersion => All[^1].Version;

    private static Migration[] Load(string prefix)
    {
        var assembly = typeof(Migrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, prefix, name))
            .OrderBy(m => m.Version)
            .ToArray();
        if (migrations.Length == 0)
        {
            throw new InvalidOperationException($"The Jobs assembly carries no migrations named {prefix}*.sql; it was built incorrectly.");
        }
        return migrations;
    }

    private static Migration Read(Assembly assembly, string prefix, string resourceName)
    {
        var fileName = resourceName[prefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
