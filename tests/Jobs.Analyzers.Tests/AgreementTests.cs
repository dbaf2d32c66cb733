using System.Collections.Immutable;
using Jobs.Analyzers.Tests.Infrastructure;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers.Tests;

/// <summary>
/// The generator and the analyzers judge the same compilation alike: every handler the generator
/// leaves out carries an error explaining why, and every handler without a diagnostic got its code
/// (its registration and its Enqueue method). A handler that gets code carries only the diagnostics
/// documented to coexist with it: JOBS001/JOBS011 on the one the generator keeps of a clash, and
/// JOBS008/JOBS010 for code that compiles but would fail at run time, and JOBS018 (the context names
/// a served type differently from the assembly: the generator still emits code, the error fails the build).
/// </summary>
public sealed class AgreementTests
{
    private static readonly string[] CoexistWithCode = ["JOBS001", "JOBS011", "JOBS008", "JOBS010", "JOBS018", "JOBS019"];

    private static readonly string[] AlwaysGenerated =
    [
        "RichHandler", "InitHandler", "PointJob", "CountHandler", "ListHandler", "InheritedHandler", "NestedHandler",
        "ProtectedInternalHandler", "FirstDuplicateHandler", "LongestNameHandler", "NullQueueHandler", "SendHandler", "HiddenHandler", "BoxHandler",
    ];

    private static readonly string[] ContextServed = ["UriHandler", "DeepHandler", "HashSetHandler", "NoConstructorHandler", "ShapeHandler", "ThingHandler"];

    [Fact]
    public async Task Without_a_context()
    {
        var outcome = await RunAsync(AgreementSources.Handlers);

        outcome.AssertAgreement();
        Assert.Equal(AlwaysGenerated.Order(StringComparer.Ordinal), outcome.Generated.Order(StringComparer.Ordinal));
        foreach (var handler in ContextServed)
        {
            Assert.Contains(outcome.DiagnosticsOf[handler], d => d.Id == "JOBS007");
        }
    }

    [Fact]
    public async Task With_a_context()
    {
        var outcome = await RunAsync(AgreementSources.Handlers, AgreementSources.Context);

        outcome.AssertAgreement();
        Assert.Equal(AlwaysGenerated.Concat(ContextServed).Order(StringComparer.Ordinal), outcome.Generated.Order(StringComparer.Ordinal));
        Assert.Empty(outcome.DiagnosticsOf["UriHandler"]);
        Assert.Empty(outcome.DiagnosticsOf["DeepHandler"]);
        Assert.Equal(["JOBS008"], outcome.DiagnosticsOf["HashSetHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS010"], outcome.DiagnosticsOf["NoConstructorHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS010"], outcome.DiagnosticsOf["ShapeHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS010"], outcome.DiagnosticsOf["ThingHandler"].Select(d => d.Id));
    }

    [Fact]
    public async Task With_a_context_that_is_not_one()
    {
        var outcome = await RunAsync(AgreementSources.Handlers, AgreementSources.NotAContext);

        outcome.AssertAgreement();
        Assert.Equal(AlwaysGenerated.Order(StringComparer.Ordinal), outcome.Generated.Order(StringComparer.Ordinal));
        Assert.Contains(outcome.All, d => d.Id == "JOBS009");
    }

    [Fact]
    public async Task Every_skipped_handler_is_explained_by_the_rule_that_applies()
    {
        var outcome = await RunAsync(AgreementSources.Handlers);

        var expected = new Dictionary<string, string>
        {
            ["PrivateHandler"] = "JOBS005",
            ["ProtectedHandler"] = "JOBS005",
            ["InsideHiddenHandler"] = "JOBS005",
            ["InsideGenericHandler"] = "JOBS005",
            ["GenericHandler"] = "JOBS005",
            ["AbstractHandler"] = "JOBS005",
            ["FileLocalHandler"] = "JOBS005",
            ["RecordHandler"] = "JOBS005",
            ["SecretPayloadHandler"] = "JOBS012",
            ["NoInterfaceHandler"] = "JOBS003",
            ["TwoInterfacesHandler"] = "JOBS004",
            ["InheritedAndOwnHandler"] = "JOBS004",
            ["SecondDuplicateHandler"] = "JOBS001",
            ["EmptyNameHandler"] = "JOBS002",
            ["LongNameHandler"] = "JOBS002",
            ["EmptyQueueHandler"] = "JOBS006",
            ["ZeroAttemptsHandler"] = "JOBS006",
            ["NegativeTimeoutHandler"] = "JOBS006",
            ["ZeroTimeoutHandler"] = "JOBS006",
            ["UriHandler"] = "JOBS007",
            ["DeepHandler"] = "JOBS007",
            ["HashSetHandler"] = "JOBS007",
            ["NoConstructorHandler"] = "JOBS007",
            ["ShapeHandler"] = "JOBS007",
            ["ThingHandler"] = "JOBS007",
            ["SendJob"] = "JOBS011",
        };
        foreach (var (handler, id) in expected)
        {
            Assert.False(outcome.Generated.Contains(handler), handler + " got code");
            Assert.True(outcome.DiagnosticsOf[handler].Any(d => d.Id == id), $"{handler}: expected {id}, got {string.Join(", ", outcome.DiagnosticsOf[handler].Select(d => d.Id))}");
        }
        Assert.Equal(outcome.DiagnosticsOf.Count, expected.Count + AlwaysGenerated.Length);
    }

    [Fact]
    public async Task A_nullable_struct_payload()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Jobs;

            namespace Acme.Mixed;

            public struct Point
            {
                public int X { get; set; }
            }

            [JobTask("point")]
            public sealed class PointJob : IJobHandler<Point?>
            {
                public Task HandleAsync(Point? args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        var outcome = await RunAsync(source);

        outcome.AssertAgreement();
        Assert.Equal(["PointJob"], outcome.Generated);
    }

    internal static async Task<Outcome> RunAsync(params string[] sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var input = CSharpCompilation.Create(
            "Acme.Mixed",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Input{i}.cs")),
            References.ForJobs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var driver = CSharpGeneratorDriver.Create([new JobsGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile:\n" + string.Join("\n", errors));
        var generated = string.Concat(driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()));

        ImmutableArray<DiagnosticAnalyzer> analyzers = [new JobTaskAttributeAnalyzer(), new JobHandlerAnalyzer(), new JobPayloadAnalyzer(), new JobsSerializationAnalyzer()];
        var diagnostics = await input.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        var handlers = input.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            .Where(declaration => declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "JobTask"))
            .ToList();
        var model = handlers.Select(h => input.GetSemanticModel(h.SyntaxTree)).ToList();
        var extensions = output.GetTypeByMetadataName("Jobs.AcmeMixedJobsClientExtensions");

        var generatedHandlers = new List<string>();
        var byHandler = new Dictionary<string, List<Diagnostic>>();
        for (var i = 0; i < handlers.Count; i++)
        {
            var declaration = handlers[i];
            var symbol = model[i].GetDeclaredSymbol(declaration)!;
            var name = symbol.Name;
            byHandler[name] = diagnostics.Where(d => d.Location.SourceTree == declaration.SyntaxTree && declaration.Span.Contains(d.Location.SourceSpan)).ToList();

            var registered = generated.Contains($"TryAddScoped<{symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>(", StringComparison.Ordinal);
            if (registered)
            {
                // The handler's typed enqueue method exists in the compiled output.
                Assert.NotNull(extensions);
                Assert.NotEmpty(extensions!.GetMembers($"Enqueue{Stem(name)}Async"));
                generatedHandlers.Add(name);
            }
        }
        return new Outcome(generatedHandlers, byHandler, diagnostics);
    }

    // The class name less a trailing Handler or Job, as the generator names enqueue methods.
    private static string Stem(string name) =>
        name.EndsWith("Handler", StringComparison.Ordinal) && name.Length > 7 ? name[..^7]
        : name.EndsWith("Job", StringComparison.Ordinal) && name.Length > 3 ? name[..^3]
        : name;

    internal sealed record Outcome(List<string> Generated, Dictionary<string, List<Diagnostic>> DiagnosticsOf, ImmutableArray<Diagnostic> All)
    {
        public void AssertAgreement()
        {
            foreach (var (handler, diagnostics) in DiagnosticsOf)
            {
                if (Generated.Contains(handler))
                {
                    var unexpected = diagnostics.Where(d => !CoexistWithCode.Contains(d.Id)).ToList();
                    Assert.True(unexpected.Count == 0, $"{handler} got code, yet: {string.Join("; ", unexpected)}");
                }
                else
                {
                    Assert.True(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), $"{handler} got no code and no error explains why");
                }
            }
        }
    }
}
