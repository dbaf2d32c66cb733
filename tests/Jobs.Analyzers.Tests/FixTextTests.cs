using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Jobs.Analyzers.CodeFixes;
using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers.Tests;

/// <summary>
/// JOBS007 and JOBS008 suggest <c>[JsonSerializable(typeof(T))]</c>: the text must compile, nullable
/// reference annotations (CS8639) and generic syntax included. The JOBS008 fix is applied and the
/// result compiled (the testing library fails on any compiler error in the fixed code); JOBS007's
/// message text is pasted into a context and compiled.
/// </summary>
public sealed partial class FixTextTests
{
    /// <summary>Member declarations whose context-served type carries nullable annotations, and the typeof text expected.</summary>
    public static TheoryData<string, string> Members => new()
    {
        { "object? Value", "object" },
        { "HashSet<string?> Seen", "HashSet<string>" },
        { "HashSet<string?>? Seen", "HashSet<string>" },
        { "List<Uri?> Links", "Uri" },
        { "Dictionary<int, string?> ById", "Dictionary<int, string>" },
        { "Queue<List<object?>>? Pending", "Queue<List<object>>" },
        { "HashSet<int?> Maybe", "HashSet<int?>" },
        { "KeyValuePair<string?, Uri?> Pair", "KeyValuePair<string, Uri>" },
        { "(int Count, string? Name) Tuple", "(int Count, string Name)" },
        { "HashSet<Outer<string?>.Inner> Nested", "HashSet<Outer<string>.Inner>" },
    };

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        """;

    // JOBS019 (an object member) stays after the fix, so its markup is in both states.
    private static string Handlers(string member, bool marked, bool objectWarning = false) => Usings + $$"""
        namespace Acme;

        public sealed class Outer<T>
        {
            public sealed class Inner
            {
                public T? Value { get; set; }
            }
        }

        public sealed record Bag({{member}});

        [JobTask("bag")]
        public sealed class BagHandler : {{(marked ? "{|JOBS008:" : "") + (objectWarning ? "{|JOBS019:" : "") + "IJobHandler<Bag>" + (objectWarning ? "|}" : "") + (marked ? "|}" : "")}}
        {
            public Task HandleAsync(Bag args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private static string Context(string attributes) => Usings + """
        [assembly: JobsSerialization(Context = typeof(Acme.AcmeJsonContext))]

        namespace Acme;

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        """ + attributes + """
        internal sealed class AcmeJsonContext : JsonSerializerContext
        {
            public AcmeJsonContext() : base(null)
            {
            }

            public static AcmeJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Theory]
    [MemberData(nameof(Members))]
    public Task JOBS008_fix_writes_compilable_typeof(string member, string expected) =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<AddJsonSerializableCodeFix>(
            [Handlers(member, marked: true, member.Contains("object", StringComparison.Ordinal)), Context("[JsonSerializable(typeof(int))]\n")],
            [Handlers(member, marked: false, member.Contains("object", StringComparison.Ordinal)), Context($"[JsonSerializable(typeof(int))]\n[JsonSerializable(typeof({expected}))]\n")]);

    [Theory]
    [MemberData(nameof(Members))]
    public async Task JOBS008_message_and_title_name_compilable_typeof(string member, string expected)
    {
        var compilation = Compile(Handlers(member, marked: false), Context("[JsonSerializable(typeof(int))]\n"));
        var diagnostic = Assert.Single(await AnalyzeAsync(compilation), d => d.Id == "JOBS008");

        Assert.EndsWith($"add [JsonSerializable(typeof({expected}))] to 'Acme.AcmeJsonContext'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(expected, diagnostic.Properties[JobPayloadAnalyzer.ShortTypeNameProperty]);
        AssertCompiles(Handlers(member, marked: false), Context(Suggested(diagnostic.GetMessage()) + "\n"));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public async Task JOBS007_message_names_compilable_typeof(string member, string expected)
    {
        var compilation = Compile(Handlers(member, marked: false));
        var diagnostic = Assert.Single(await AnalyzeAsync(compilation), d => d.Id == "JOBS007");

        var suggested = Suggested(diagnostic.GetMessage());
        Assert.Equal($"[JsonSerializable(typeof({expected}))]", suggested);
        AssertCompiles(Handlers(member, marked: false), Context(suggested + "\n"));
    }

    [GeneratedRegex(@"\[JsonSerializable\(typeof\(.+?\)\)\](?= to | and )")]
    private static partial Regex SuggestedAttribute();

    private static string Suggested(string message)
    {
        var match = SuggestedAttribute().Match(message);
        Assert.True(match.Success, "No [JsonSerializable(typeof(...))] in: " + message);
        return match.Value;
    }

    private static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Acme.FixText",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, path: $"Input{i}.cs")),
            References.ForJobs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation)
    {
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new JobPayloadAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private static void AssertCompiles(params string[] sources)
    {
        var errors = Compile(sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
