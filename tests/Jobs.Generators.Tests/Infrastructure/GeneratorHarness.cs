using Jobs.Tests.Shared;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Jobs.Generators.Tests.Infrastructure;

/// <summary>Runs the generator over source text, as the compiler would, and compiles the result.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static CSharpCompilation Compilation(string assemblyName, params string[] sources) =>
        Compilation(assemblyName, [], sources);

    public static CSharpCompilation Compilation(string assemblyName, IEnumerable<MetadataReference> extraReferences, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{i}.cs")),
            CompilationReferences.ForJobs.Concat(extraReferences),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new JobsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generator's output files, by hint name, and the compilation with them added.</summary>
    public static (ImmutableDictionary<string, string> Files, Compilation Output) Run(CSharpCompilation input)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var files = result.GeneratedSources.ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return (files, output);
    }

    /// <summary>Diagnostics of warning severity or worse (every warning is an error here, as in the repository's builds).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToList();

    public static void AssertCompilesCleanly(Compilation compilation)
    {
        var problems = Problems(compilation);
        Assert.True(problems.Count == 0, "The compilation has problems:\n" + string.Join("\n", problems.Select(p => p.ToString())));
    }
}
