using Jobs.Analyzers.CodeFixes;
using Jobs.Analyzers.Tests.Infrastructure;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS018: a subtree the JsonSerializerContext serves is named by the context's options, not the assembly's naming.</summary>
public sealed class ContextNamingAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        """;

    private static string Handler(string records, string args, bool marked = false) => Usings + "namespace Acme;\n\n" + records + $$"""


        [JobTask("send")]
        public sealed class SendHandler : {{(marked ? "{|#0:IJobHandler<" + args + ">|}" : "IJobHandler<" + args + ">")}}
        {
            public Task HandleAsync({{args}} args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary>A hand-written context (the test compiler runs no System.Text.Json generator) with the given lines above it.</summary>
    private static string Context(string above, string assemblyArguments = "", bool marked = false) => Usings + $$"""
        [assembly: JobsSerialization(Context = typeof(Acme.AcmeJsonContext){{assemblyArguments}})]

        namespace Acme;

        """ + above + (marked ? "internal sealed class {|#1:AcmeJsonContext|} : JsonSerializerContext\n" : "internal sealed class AcmeJsonContext : JsonSerializerContext\n") + """
        {
            public AcmeJsonContext() : base(null)
            {
            }

            public static AcmeJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private const string Lines = "public sealed record Line(string Sku, int Qty, decimal UnitPrice);\npublic sealed record Order(HashSet<Line> Lines, int Id);";

    private const string Serializable = "[JsonSerializable(typeof(HashSet<Line>))]\n";

    private static DiagnosticResult Jobs018(string type, string path, string option, string contextPolicy, string assemblyPolicy, string detail, string target) =>
        Verify<JobPayloadAnalyzer>.Diagnostic("JOBS018").WithLocation(0).WithLocation(1)
            .WithArguments("SendHandler", type, path, "Acme.AcmeJsonContext", option, contextPolicy, assemblyPolicy, detail, target);

    private static Task VerifyAsync(string records, string args, string context, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync([Handler(records, args, marked: expected.Length > 0), context], expected);

    [Fact]
    public Task A_context_without_naming_policy_serving_user_objects() =>
        VerifyAsync(Lines, "Order", Context(Serializable, marked: true),
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "none (names as declared)", "SnakeCaseLower", "'Line.Sku' would be \"Sku\", not \"sku\"", "SnakeCaseLower"));

    [Fact]
    public Task Web_defaults_imply_camel_case() =>
        VerifyAsync(Lines, "Order", Context("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]\n" + Serializable, marked: true),
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "CamelCase", "SnakeCaseLower", "'Line.UnitPrice' would be \"unitPrice\", not \"unit_price\"", "SnakeCaseLower"));

    [Fact]
    public Task An_explicit_policy_against_another_assembly_naming() =>
        VerifyAsync(Lines, "Order", Context("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]\n" + Serializable, ", NamingPolicy = JobsNamingPolicy.KebabCaseLower", marked: true),
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "SnakeCaseLower", "KebabCaseLower", "'Line.UnitPrice' would be \"unit_price\", not \"unit-price\"", "KebabCaseLower"));

    [Fact]
    public Task A_dictionary_key_policy_converts_keys_the_assembly_leaves_alone() =>
        VerifyAsync("public sealed record Tally(ImmutableDictionary<string, int> Counts);", "Tally",
            Context("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]\n[JsonSerializable(typeof(ImmutableDictionary<string, int>))]\n", marked: true),
            Jobs018("ImmutableDictionary<string, int>", "Tally.Counts", "DictionaryKeyPolicy", "CamelCase", "SnakeCaseLower, which leaves dictionary keys as they are", "the keys of 'ImmutableDictionary<string, int>' would be converted", "Unspecified"));

    [Fact]
    public Task User_objects_deep_in_the_subtree_count() =>
        VerifyAsync("public sealed class Bag : List<int> { public Inner? Extra { get; set; } }\npublic sealed record Inner(string DisplayName);\npublic sealed record Box(HashSet<Dictionary<string, Inner[]>> Deep);", "Box",
            Context("[JsonSerializable(typeof(HashSet<Dictionary<string, Inner[]>>))]\n", marked: true),
            Jobs018("HashSet<Dictionary<string, Inner[]>>", "Box.Deep", "PropertyNamingPolicy", "none (names as declared)", "SnakeCaseLower", "'Inner.DisplayName' would be \"DisplayName\", not \"display_name\"", "SnakeCaseLower"));

    [Fact]
    public Task Types_whose_names_cannot_differ_are_fine() =>
        VerifyAsync("public sealed record Crawl(Uri Link, HashSet<string> Seen, HashSet<int?> Maybe, ImmutableDictionary<string, int> Counts);", "Crawl",
            Context("[JsonSerializable(typeof(Uri))]\n[JsonSerializable(typeof(HashSet<string>))]\n[JsonSerializable(typeof(HashSet<int?>))]\n[JsonSerializable(typeof(ImmutableDictionary<string, int>))]\n"));

    [Fact]
    public Task A_matching_policy_is_fine() =>
        VerifyAsync(Lines, "Order", Context("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]\n" + Serializable));

    [Fact]
    public Task Names_every_policy_spells_alike_are_fine() =>
        VerifyAsync("public sealed record Line([property: JsonPropertyName(\"SKU\")] string Sku, int qty, [property: JsonIgnore] string Note = \"\");\npublic sealed record Order(HashSet<Line> Lines);", "Order",
            Context(Serializable));

    [Fact]
    public Task Names_as_declared_on_both_sides_are_fine() =>
        VerifyAsync(Lines, "Order", Context("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]\n" + Serializable, ", NamingPolicy = JobsNamingPolicy.AsDeclared"));

    [Fact]
    public Task A_type_with_its_own_converter_is_not_looked_into() =>
        VerifyAsync("[JsonConverter(typeof(LineConverter))]\npublic sealed record Line(string Sku);\npublic sealed class LineConverter : JsonConverter<Line>\n{\n    public override Line Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);\n    public override void Write(Utf8JsonWriter writer, Line value, JsonSerializerOptions options) => writer.WriteStringValue(value.Sku);\n}\npublic sealed record Order(Line Line);", "Order",
            Context("[JsonSerializable(typeof(Line))]\n"));

    [Fact]
    public Task Fix_adds_the_options_attribute() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<ContextNamingCodeFix>(
            [Handler(Lines, "Order", marked: true), Context(Serializable, marked: true)],
            [Handler(Lines, "Order"), Context(Serializable + "[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]\n")],
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "none (names as declared)", "SnakeCaseLower", "'Line.Sku' would be \"Sku\", not \"sku\"", "SnakeCaseLower"));

    [Fact]
    public Task Fix_adds_the_policy_to_web_defaults_keeping_other_arguments() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<ContextNamingCodeFix>(
            [Handler(Lines, "Order", marked: true), Context("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]\n" + Serializable, marked: true)],
            [Handler(Lines, "Order"), Context("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]\n" + Serializable)],
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "CamelCase", "SnakeCaseLower", "'Line.UnitPrice' would be \"unitPrice\", not \"unit_price\"", "SnakeCaseLower"));

    [Fact]
    public Task Fix_replaces_a_policy_and_names_as_declared_as_unspecified() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<ContextNamingCodeFix>(
            [Handler(Lines, "Order", marked: true), Context("[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]\n" + Serializable, ", NamingPolicy = JobsNamingPolicy.AsDeclared", marked: true)],
            [Handler(Lines, "Order"), Context("[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]\n" + Serializable, ", NamingPolicy = JobsNamingPolicy.AsDeclared")],
            Jobs018("HashSet<Line>", "Order.Lines", "PropertyNamingPolicy", "CamelCase", "none (names as declared)", "'Line.Sku' would be \"sku\", not \"Sku\"", "Unspecified"));

    [Fact]
    public Task Fix_resets_a_dictionary_key_policy() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<ContextNamingCodeFix>(
            [Handler("public sealed record Tally(ImmutableDictionary<string, int> Counts);", "Tally", marked: true), Context("[JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]\n[JsonSerializable(typeof(ImmutableDictionary<string, int>))]\n", marked: true)],
            [Handler("public sealed record Tally(ImmutableDictionary<string, int> Counts);", "Tally"), Context("[JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified)]\n[JsonSerializable(typeof(ImmutableDictionary<string, int>))]\n")],
            Jobs018("ImmutableDictionary<string, int>", "Tally.Counts", "DictionaryKeyPolicy", "CamelCase", "SnakeCaseLower, which leaves dictionary keys as they are", "the keys of 'ImmutableDictionary<string, int>' would be converted", "Unspecified"));

    /// <summary>
    /// Agreement: the generator still emits the handler's code (compiling), and JOBS018, an error,
    /// fails the build; JOBS018 is among the diagnostics documented to coexist with generated code.
    /// </summary>
    [Fact]
    public async Task The_generator_emits_code_and_the_error_fails_the_build()
    {
        var input = CSharpCompilation.Create(
            "Acme.Naming",
            [CSharpSyntaxTree.ParseText(Handler(Lines, "Order")), CSharpSyntaxTree.ParseText(Context(Serializable))],
            References.ForJobs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new JobsGenerator()).RunGeneratorsAndUpdateCompilation(input, out var output, out _);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.SyntaxTrees, tree => tree.ToString().Contains("TryAddScoped<global::Acme.SendHandler>(", StringComparison.Ordinal));
        var diagnostics = await input.WithAnalyzers([new JobPayloadAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(["JOBS018"], diagnostics.Select(d => d.Id));
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
    }
}
