using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer over test sources written with markup (<c>{|JOBS001:...|}</c>), against the
/// same references a user's project has, with nullable on.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The markup's diagnostics, and no other (compiler errors included), in one file.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync([source], expected);

    /// <summary>The markup's diagnostics, and no other, over several files.</summary>
    public static Task AnalyzerAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The markup's diagnostics, and no other, with additional files (name, text) beside the source.</summary>
    public static Task AnalyzerAsync(string source, (string Name, string Text)[] additionalFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        test.TestState.Sources.Add(source);
        foreach (var file in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((file.Name, file.Text));
        }
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Applies <typeparamref name="TCodeFix"/> (to all its diagnostics) and compares the additional file it rewrites with <paramref name="fixedFile"/>.</summary>
    public static Task AdditionalFileFixAsync<TCodeFix>(string source, (string Name, string Text) file, string fixedFile, DiagnosticResult[] expected, DiagnosticResult[] remaining)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix>();
        test.TestState.Sources.Add(source);
        test.TestState.AdditionalFiles.Add(file);
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.Sources.Add(source);
        test.FixedState.AdditionalFiles.Add((file.Name, fixedFile));
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        // One action rewrites the whole file: applied once, every diagnostic it answers is gone.
        test.NumberOfFixAllIterations = 1;
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        return test.RunAsync();
    }

    /// <summary>A diagnostic of this analyzer by ID, for messages and arguments the markup cannot say.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new TAnalyzer().SupportedDiagnostics.Single(d => d.Id == id) is var descriptor ? new DiagnosticResult(descriptor) : default;

    /// <summary>Applies <typeparamref name="TCodeFix"/> and compares with <paramref name="fixedSource"/>.</summary>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new() =>
        CodeFixAsync<TCodeFix>([source], [fixedSource], expected);

    /// <summary>The same over several files (a fix may change another file than the diagnostic's).</summary>
    public static Task CodeFixAsync<TCodeFix>(string[] sources, string[] fixedSources, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix>();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }
        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Solution Configure(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
        return solution.WithProjectCompilationOptions(projectId, options);
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.ForJobs);
            SolutionTransforms.Add(Configure);
        }
    }

    private sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.ForJobs);
            SolutionTransforms.Add(Configure);
        }
    }
}
