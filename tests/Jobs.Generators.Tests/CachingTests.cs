using System.Reflection;
using Jobs.Generators.Model;
using Jobs.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Jobs.Generators.Tests;

/// <summary>An edit that does not touch a handler or its payload leaves every named step Cached or Unchanged.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps = [JobsGenerator.TrackingNames.Handlers, JobsGenerator.TrackingNames.Settings, JobsGenerator.TrackingNames.Assembly];

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step() =>
        AssertSecondRunIsCached(compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Acme.Mail; public static class Unrelated { public static int Answer() => 42; }", GeneratorHarness.ParseOptions)));

    [Fact]
    public void Changing_a_method_body_elsewhere_reuses_every_step() =>
        AssertSecondRunIsCached(compilation =>
        {
            var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Input1.cs");
            var edited = CSharpSyntaxTree.ParseText(old.ToString().Replace("=> 1;", "=> 2;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath);
            return compilation.ReplaceSyntaxTree(old, edited);
        });

    [Fact]
    public void Changing_a_payload_changes_the_output()
    {
        var compilation = GeneratorHarness.Compilation("Acme.Mail", Sources.Email, Helper);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(old.ToString().Replace("string Subject", "string Title", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[JobsGenerator.TrackingNames.Handlers].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"title\"", result.GeneratedSources.Single(s => s.HintName == "Jobs.Payloads.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private const string Helper = "namespace Acme.Mail; public static class Helper { public static int Value() => 1; }";

    private static void AssertSecondRunIsCached(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compilation("Acme.Mail", Sources.Email, Helper);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.All(TrackedSteps, name => Assert.True(first.TrackedSteps.ContainsKey(name), $"The step {name} did not run."));

        var second = driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();

        foreach (var name in TrackedSteps)
        {
            var reasons = second.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"The step {name} was {reason} after an unrelated edit."));
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"An output step was {output.Reason}."));
    }
}
