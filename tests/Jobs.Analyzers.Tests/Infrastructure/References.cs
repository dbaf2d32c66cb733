using System.Collections.Immutable;
using Jobs.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests.Infrastructure;

/// <summary>References for the Roslyn testing library's compilations.</summary>
public static class References
{
    /// <summary>Every reference, framework included (see <see cref="CompilationReferences"/>).</summary>
    public static ImmutableArray<MetadataReference> ForJobs => CompilationReferences.ForJobs;

    /// <summary>
    /// For the Roslyn testing library: no reference package to fetch; the framework comes in
    /// through <see cref="ForJobs"/> as additional references.
    /// </summary>
    public static ReferenceAssemblies None { get; } = new($"net{Environment.Version.Major}.0");
}
