using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jobs.Tests.Shared;

/// <summary>
/// What a test compilation of handler code references: the SDK's reference pack for the running
/// .NET (nothing downloaded; the runtime's own assemblies when no pack is found), Jobs.dll, Npgsql
/// and the DI abstractions generated code uses. Linked into the generator and analyzer tests.
/// </summary>
internal static class CompilationReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    /// <summary>Every reference, framework included.</summary>
    public static ImmutableArray<MetadataReference> ForJobs => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var framework = ReferencePack() ?? RuntimeAssemblies();
        var libraries = new[] { typeof(JobsClient), typeof(NpgsqlConnection), typeof(IServiceCollection) }
            .Select(t => t.Assembly.Location);
        return framework.Concat(libraries)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    // The SDK's Microsoft.NETCore.App.Ref pack beside the running runtime: reference assemblies,
    // as a real build compiles against.
    private static IEnumerable<string>? ReferencePack()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }
        var major = Environment.Version.Major + ".";
        var folder = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .Select(d => Path.Combine(d, "ref", $"net{Environment.Version.Major}.0"))
            .FirstOrDefault(Directory.Exists);
        return folder is null ? null : Directory.GetFiles(folder, "*.dll");
    }

    private static IEnumerable<string> RuntimeAssemblies() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
}
