using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Jobs.Analyzers;
using Jobs.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Generators.FuzzTests.Infrastructure;

/// <summary>One case: a C# file declaring a payload type and a [JobTask] handler of it.</summary>
public sealed record CaseSource(string Name, string Source, int ValueSeed);

/// <summary>
/// What happened to a case: the JOBS diagnostics that explain it away, or how many values were
/// compared (and whether System.Text.Json's source generator took part), or the first disagreement.
/// </summary>
public sealed record CaseOutcome(string Name, ImmutableArray<string> Diagnosed, int Compared, bool SourceGenerated, string? Failure);

/// <summary>
/// Compiles cases (many per compilation) with the Jobs generator, the Jobs analyzers and System.Text.Json's
/// source generator, loads the result into a collectible context, and compares the generated serializer
/// with System.Text.Json (reflection and source-generated) on random values, both directions.
/// </summary>
public static class FuzzHarness
{
    private const string AssemblyName = "Fuzz";
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);
    private static readonly Lazy<ISourceGenerator> SystemTextJsonGenerator = new(LoadSystemTextJsonGenerator);

    /// <summary>Diagnostics that stand for "this shape is refused": any JOBS error, and the warning that reading would fail.</summary>
    public static bool Refuses(Diagnostic d) =>
        d.Id.StartsWith("JOBS", StringComparison.Ordinal) && (d.Severity == DiagnosticSeverity.Error || d.Id == "JOBS010");

    /// <summary>Runs <paramref name="cases"/> in one compilation (one file each), falling back to one compilation per case when the batch does not build.</summary>
    public static IReadOnlyList<CaseOutcome> Run(JobsNamingPolicy policy, IReadOnlyList<CaseSource> cases, int valuesPerCase)
    {
        var outcomes = RunBatch(policy, cases, valuesPerCase, out var buildFailure);
        if (buildFailure is null)
        {
            return outcomes;
        }
        if (cases.Count == 1)
        {
            return [new CaseOutcome(cases[0].Name, [], 0, false, buildFailure)];
        }
        return cases.SelectMany(c => Run(policy, [c], valuesPerCase)).ToList();
    }

    private static List<CaseOutcome> RunBatch(JobsNamingPolicy policy, IReadOnlyList<CaseSource> cases, int valuesPerCase, out string? buildFailure)
    {
        buildFailure = null;
        var trees = cases.Select(c => CSharpSyntaxTree.ParseText(c.Source, ParseOptions, path: c.Name + ".cs", encoding: Encoding.UTF8)).ToList();
        if (!cases.Any(c => c.Source.Contains("JobsSerialization(", StringComparison.Ordinal)) && policy != JobsNamingPolicy.SnakeCaseLower)
        {
            trees.Add(CSharpSyntaxTree.ParseText($"[assembly: Jobs.JobsSerialization(NamingPolicy = Jobs.JobsNamingPolicy.{policy})]", ParseOptions, path: "Policy.cs"));
        }
        var input = CSharpCompilation.Create(
            AssemblyName,
            trees,
            CompilationReferences.ForJobs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // One binding of the input serves the compiler's errors and the analyzers' diagnostics.
        ImmutableArray<DiagnosticAnalyzer> analyzers = [new JobTaskAttributeAnalyzer(), new JobHandlerAnalyzer(), new JobPayloadAnalyzer(), new JobsSerializationAnalyzer()];
        var inputDiagnostics = input.WithAnalyzers(analyzers).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var inputErrors = inputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
        var analyzerDiagnostics = inputDiagnostics.Where(d => !d.Id.StartsWith("CS", StringComparison.Ordinal)).ToImmutableArray();
        if (inputErrors.Count > 0)
        {
            buildFailure = "The declaration itself does not compile (a bug of the type generator):\n" + string.Join("\n", inputErrors.Take(10));
            return [];
        }

        // The payload type of each case's handler.
        var payloads = new Dictionary<SyntaxTree, INamedTypeSymbol>();
        foreach (var tree in trees)
        {
            var model = input.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } symbol
                    && symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "JobTaskAttribute")
                    && symbol.AllInterfaces.FirstOrDefault(i => i.Name == "IJobHandler" && i.TypeArguments.Length == 1) is { } handler
                    && handler.TypeArguments[0] is INamedTypeSymbol payload)
                {
                    payloads[tree] = payload;
                }
            }
        }

        GeneratorDriver jobsDriver = CSharpGeneratorDriver.Create([new JobsGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        jobsDriver.RunGeneratorsAndUpdateCompilation(input, out var jobsOutput, out var jobsDiagnostics);
        if (!jobsDiagnostics.IsEmpty)
        {
            buildFailure = "The Jobs generator reported diagnostics of its own:\n" + string.Join("\n", jobsDiagnostics);
            return [];
        }

        // System.Text.Json's source generator, over a context naming every payload type, then the
        // probes, then one emit: binding a compilation is most of a batch's cost, so each attempt binds
        // once, and its emit's diagnostics say what went wrong. Where System.Text.Json's own output does
        // not build (it has bugs too, e.g. keyword-named required members), the cases concerned are
        // compared with reflection only, and the batch is emitted again without them.
        var withoutSourceGeneration = new HashSet<SyntaxTree>();
        var hasContext = true;
        for (var attempt = 0; ; attempt++)
        {
            var generatorDiagnostics = ImmutableArray<Diagnostic>.Empty;
            var output = hasContext
                ? RunSystemTextJson(policy, jobsOutput, payloads.Where(p => !withoutSourceGeneration.Contains(p.Key)).Select(p => p.Value), out generatorDiagnostics)
                : jobsOutput;
            var probed = Probe(output, trees, cases, payloads, analyzerDiagnostics, generatorDiagnostics, withoutSourceGeneration, hasContext);
            using var image = new MemoryStream();
            var emitted = probed.Compilation.Emit(image);
            var generatedProblems = emitted.Diagnostics
                .Where(d => (d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning) && d.Location.SourceTree?.FilePath.Contains("Jobs.Generators", StringComparison.Ordinal) == true)
                .ToList();
            if (generatedProblems.Count > 0)
            {
                buildFailure = "The generated code does not build (warnings are errors):\n" + string.Join("\n", generatedProblems.Take(10));
                return [];
            }
            if (emitted.Success)
            {
                return Load(image, policy, probed, valuesPerCase);
            }
            var broken = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (!hasContext)
            {
                buildFailure = "The compilation does not emit:\n" + string.Join("\n", broken.Take(10));
                return [];
            }
            var culprits = trees.Where(t => payloads.ContainsKey(t) && broken.Any(d => d.Location.SourceTree?.FilePath is { } f && f.Contains($"FuzzJsonContext.{Path.GetFileNameWithoutExtension(t.FilePath)}T", StringComparison.Ordinal))).ToList();
            if (culprits.Count == 0 || attempt == 3)
            {
                withoutSourceGeneration.UnionWith(payloads.Keys);
                hasContext = false;
                continue;
            }
            withoutSourceGeneration.UnionWith(culprits);
        }
    }

    /// <summary>The Jobs generator's output with System.Text.Json's generator run over a context naming <paramref name="payloads"/>.</summary>
    private static Compilation RunSystemTextJson(JobsNamingPolicy policy, Compilation jobsOutput, IEnumerable<INamedTypeSymbol> payloads, out ImmutableArray<Diagnostic> diagnostics)
    {
        var context = ContextSource(policy, payloads);
        CSharpGeneratorDriver.Create([SystemTextJsonGenerator.Value], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(jobsOutput.AddSyntaxTrees(CSharpSyntaxTree.ParseText(context, ParseOptions, path: "FuzzJsonContext.cs")), out var output, out diagnostics);
        return output;
    }

    /// <summary>A compilation with probes added, what each probe compares, and the outcomes settled without comparing.</summary>
    private sealed record ProbedCompilation(
        Compilation Compilation,
        List<(CaseSource Case, string TypeName, int Probe, bool SourceGenerated, ImmutableArray<string> Refused)> Work,
        List<CaseOutcome> Outcomes);

    /// <summary>Adds probes calling the generated methods, which take spans and are internal.</summary>
    private static ProbedCompilation Probe(
        Compilation output,
        List<SyntaxTree> trees,
        IReadOnlyList<CaseSource> cases,
        Dictionary<SyntaxTree, INamedTypeSymbol> payloads,
        ImmutableArray<Diagnostic> analyzerDiagnostics,
        ImmutableArray<Diagnostic> generatorDiagnostics,
        HashSet<SyntaxTree> withoutSourceGeneration,
        bool hasContext)
    {
        var payloadsClass = output.GetTypeByMetadataName($"Jobs.Generated.{AssemblyName}JobPayloads");
        var probe = new StringBuilder("namespace FuzzSupport;\npublic static class FuzzProbe\n{\n");
        var work = new List<(CaseSource Case, string TypeName, int Probe, bool SourceGenerated, ImmutableArray<string> Refused)>();
        var outcomes = new List<CaseOutcome>();
        for (var i = 0; i < cases.Count; i++)
        {
            var tree = trees[i];
            var refused = analyzerDiagnostics.Where(d => d.Location.SourceTree == tree && Refuses(d)).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            if (!payloads.TryGetValue(tree, out var payload))
            {
                outcomes.Add(new CaseOutcome(cases[i].Name, refused, 0, false, refused.IsEmpty ? "No [JobTask] handler found in the case." : null));
                continue;
            }
            if (!refused.IsEmpty)
            {
                outcomes.Add(new CaseOutcome(cases[i].Name, refused, 0, false, null));
                continue;
            }
            var display = Display(payload);
            var serialize = payloadsClass?.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.Name.StartsWith("Serialize", StringComparison.Ordinal) && m.Parameters.Length == 1 && Display(m.Parameters[0].Type) == display);
            var deserialize = payloadsClass?.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.Name.StartsWith("Deserialize", StringComparison.Ordinal) && Display(m.ReturnType) == display);
            if (serialize is null || deserialize is null)
            {
                outcomes.Add(new CaseOutcome(cases[i].Name, refused, 0, false, "No JOBS diagnostic, yet the generator emitted no Serialize/Deserialize method for " + display));
                continue;
            }
            // The source-generated comparison only where System.Text.Json's generator handled the type without a word.
            // Its diagnostics come with external locations (file paths, no trees). SYSLIB1034 only
            // says the non-generic JsonStringEnumConverter is not AOT-safe: the output still works.
            var sourceGenerated = !withoutSourceGeneration.Contains(tree)
                && !generatorDiagnostics.Any(d => d.Id != "SYSLIB1034" && d.Location.GetLineSpan().Path is var path && (path == tree.FilePath || path == "FuzzJsonContext.cs" || string.IsNullOrEmpty(path)));
            var k = work.Count;
            probe.AppendLine($"    public static byte[] W{k}(object v) => global::Jobs.Generated.{AssemblyName}JobPayloads.{serialize.Name}(({display})v).ToArray();");
            probe.AppendLine($"    public static object? R{k}(byte[] b) => global::Jobs.Generated.{AssemblyName}JobPayloads.{deserialize.Name}(b);");
            probe.AppendLine($"    public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? S{k}() => {(sourceGenerated && hasContext ? $"FuzzJsonContext.Default.GetTypeInfo(typeof({display}))" : "null")};");
            work.Add((cases[i], payload.ToDisplayString(new SymbolDisplayFormat(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces)), k, sourceGenerated, refused));
        }
        probe.AppendLine("}");
        return new ProbedCompilation(output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(probe.ToString(), ParseOptions, path: "FuzzProbe.cs")), work, outcomes);
    }

    /// <summary>Loads an emitted batch into a collectible context and compares each probed case.</summary>
    private static List<CaseOutcome> Load(MemoryStream image, JobsNamingPolicy policy, ProbedCompilation probed, int valuesPerCase)
    {
        var outcomes = new List<CaseOutcome>(probed.Outcomes);
        image.Position = 0;
        var load = new AssemblyLoadContext("Fuzz", isCollectible: true);
        try
        {
            var assembly = load.LoadFromStream(image);
            var probeType = assembly.GetType("FuzzSupport.FuzzProbe")!;
            var options = new JsonSerializerOptions { PropertyNamingPolicy = NamingPolicy(policy), TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            foreach (var (source, typeName, k, sourceGenerated, refused) in probed.Work)
            {
                var type = assembly.GetType(typeName, throwOnError: true)!;
                var write = probeType.GetMethod("W" + k)!.CreateDelegate<Func<object, byte[]>>();
                var read = probeType.GetMethod("R" + k)!.CreateDelegate<Func<byte[], object?>>();
                JsonTypeInfo? sg = null;
                var sgUsable = sourceGenerated && Attempt(() => probeType.GetMethod("S" + k)!.Invoke(null, null)) is { Value: JsonTypeInfo info } && (sg = info) is not null;
                var failure = Compare(type, source.ValueSeed, valuesPerCase, options, sg, write, read, out var compared);
                outcomes.Add(new CaseOutcome(source.Name, refused, compared, sgUsable, failure));
            }
        }
        finally
        {
            load.Unload();
        }
        return outcomes;
    }

    private static string? Compare(Type type, int seed, int count, JsonSerializerOptions options, JsonTypeInfo? sg, Func<object, byte[]> write, Func<byte[], object?> read, out int compared)
    {
        var values = new RandomValues(new Random(seed));
        compared = 0;
        for (var n = 0; n < count; n++, compared++)
        {
            var value = values.Create(type);
            var generated = Attempt(() => write(value));
            var reflection = Attempt(() => JsonSerializer.SerializeToUtf8Bytes(value, type, options));
            if (Differs("writing (reflection)", reflection, generated) is { } w)
            {
                return $"value #{n} (value seed {seed}): {w}";
            }
            var sgWritten = sg is null ? null : Attempt(() => JsonSerializer.SerializeToUtf8Bytes(value, sg));
            // Where System.Text.Json's source-generated and reflection modes disagree with each other
            // (the source generator cannot reach a get-only [JsonInclude] property, say), matching
            // reflection is enough.
            if (sg is not null && Differs("", reflection, sgWritten!) is null && Differs("writing (source-generated)", sgWritten!, generated) is { } s)
            {
                return $"value #{n} (value seed {seed}): {s}";
            }
            if (reflection.Value is not { } json)
            {
                continue;
            }
            // Reading: the generated reader and System.Text.Json read System.Text.Json's bytes; both
            // results are written again by System.Text.Json, which must give the same bytes.
            var mine = Attempt(() => read(json)).Then(v => JsonSerializer.SerializeToUtf8Bytes(v, type, options));
            var theirs = Attempt(() => JsonSerializer.Deserialize(json, type, options)).Then(v => JsonSerializer.SerializeToUtf8Bytes(v, type, options));
            if (Differs("reading (reflection) " + Encoding.UTF8.GetString(json), theirs, mine, loudIsFine: true) is { } r)
            {
                return $"value #{n} (value seed {seed}): {r}";
            }
            if (sg is not null)
            {
                var sgRead = Attempt(() => JsonSerializer.Deserialize(json, sg)).Then(v => JsonSerializer.SerializeToUtf8Bytes(v, type, options));
                if (Differs("", theirs, sgRead) is null && Differs("reading (source-generated) " + Encoding.UTF8.GetString(json), sgRead, mine, loudIsFine: true) is { } q)
                {
                    return $"value #{n} (value seed {seed}): {q}";
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Null when both sides agree: equal bytes, or both threw. When reading, the generated side may
    /// also fail loudly with JobPayloadException (naming the path) where System.Text.Json reads:
    /// the documented differences on purpose.
    /// </summary>
    private static string? Differs(string what, Result<byte[]> stj, Result<byte[]> generated, bool loudIsFine = false)
    {
        if (stj.Error is not null && generated.Error is not null)
        {
            return null;
        }
        if (loudIsFine && generated.Error is { } loud && loud.GetType().Name == "JobPayloadException" && stj.Error is null)
        {
            return null;
        }
        if (stj.Error is { } e)
        {
            return $"{what}: System.Text.Json threw {e.GetType().Name}: {e.Message}\n  generated: {Encoding.UTF8.GetString(generated.Value!)}";
        }
        if (generated.Error is { } g)
        {
            return $"{what}: the generated code threw {g.GetType().Name}: {g.Message}\n  System.Text.Json: {Encoding.UTF8.GetString(stj.Value!)}";
        }
        return stj.Value.AsSpan().SequenceEqual(generated.Value)
            ? null
            : $"{what}:\n  System.Text.Json: {Encoding.UTF8.GetString(stj.Value!)}\n  generated:        {Encoding.UTF8.GetString(generated.Value!)}";
    }

    private static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string ContextSource(JobsNamingPolicy policy, IEnumerable<INamedTypeSymbol> payloads)
    {
        var known = policy == JobsNamingPolicy.AsDeclared ? "Unspecified" : policy.ToString();
        var context = new StringBuilder();
        context.AppendLine("namespace FuzzSupport;");
        context.AppendLine($"[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.{known})]");
        foreach (var payload in payloads)
        {
            context.AppendLine($"[System.Text.Json.Serialization.JsonSerializable(typeof({Display(payload)}))]");
        }
        context.AppendLine("internal partial class FuzzJsonContext : System.Text.Json.Serialization.JsonSerializerContext { }");
        return context.ToString();
    }

    private static JsonNamingPolicy? NamingPolicy(JobsNamingPolicy policy) => policy switch
    {
        JobsNamingPolicy.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
        JobsNamingPolicy.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
        JobsNamingPolicy.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
        JobsNamingPolicy.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
        JobsNamingPolicy.CamelCase => JsonNamingPolicy.CamelCase,
        _ => null,
    };

    private static Result<T> Attempt<T>(Func<T> action)
    {
        try
        {
            return new Result<T>(action(), null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return new Result<T>(default, ex.InnerException);
        }
        catch (Exception ex)
        {
            return new Result<T>(default, ex);
        }
    }

    private sealed record Result<T>(T? Value, Exception? Error)
    {
        public Result<byte[]> Then(Func<T, byte[]> next) => Error is not null ? new Result<byte[]>(null, Error) : Attempt(() => next(Value!));
    }

    private static ISourceGenerator LoadSystemTextJsonGenerator()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        var path = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith(Environment.Version.Major + ".", StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .SelectMany(d => Directory.GetFiles(Path.Combine(d, "analyzers", "dotnet"), "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories))
            .First();
        var reference = new AnalyzerFileReference(path, new Loader());
        return reference.GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
