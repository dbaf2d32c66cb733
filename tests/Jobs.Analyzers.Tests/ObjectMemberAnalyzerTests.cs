using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS019: object-typed payload members, alone or inside collections and dictionaries.</summary>
public sealed class ObjectMemberAnalyzerTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        [assembly: JobsSerialization(Context = typeof(Acme.AcmeJsonContext))]

        namespace Acme;

        public sealed record Bag(MEMBERS);

        [JobTask("bag")]
        public sealed class BagHandler : {|#0:IJobHandler<Bag>|}
        {
            public Task HandleAsync(Bag args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        [JsonSerializable(typeof(object))]
        [JsonSerializable(typeof(HashSet<object>))]
        [JsonSerializable(typeof(JsonElement))]
        internal sealed class AcmeJsonContext : JsonSerializerContext
        {
            public AcmeJsonContext() : base(null)
            {
            }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private static Task VerifyAsync(string members, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(Source.Replace("MEMBERS", members, StringComparison.Ordinal), expected);

    private static DiagnosticResult Jobs019(string type, string path) =>
        Verify<JobPayloadAnalyzer>.Diagnostic("JOBS019").WithLocation(0).WithArguments("BagHandler", type, path);

    [Fact]
    public Task An_object_member() =>
        VerifyAsync("object? Value", Jobs019("object", "Bag.Value"));

    [Fact]
    public Task Object_inside_collections_and_dictionaries() =>
        VerifyAsync(
            "List<object> Items, Dictionary<string, object?> Extra, HashSet<object> Set",
            Jobs019("object", "Bag.Items[i]"),
            Jobs019("HashSet<object>", "Bag.Set"));

    [Fact]
    public Task Concrete_types_and_JsonElement_are_fine() =>
        VerifyAsync("JsonElement Raw, List<int> Numbers, string Name");
}
