using Jobs.Analyzers.Tests.Infrastructure;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;
namespace Jobs.Analyzers.Tests;
public class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var src = """
        using System.Threading; using System.Threading.Tasks; using Jobs;
        namespace Acme;
        public sealed record Args(int X);
        [JobTask("file")]
        file sealed class FileHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        [JobTask("rec")]
        public sealed record RecHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;
        var compilation = CSharpCompilation.Create("Acme.X", [CSharpSyntaxTree.ParseText(src, new CSharpParseOptions(LanguageVersion.CSharp12))], References.ForJobs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new JobsGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var outComp, out _);
        foreach (var s in driver.GetRunResult().GeneratedTrees) output.WriteLine(s.ToString());
        foreach (var d in outComp.GetDiagnostics()) output.WriteLine(d.ToString());
    }
}
