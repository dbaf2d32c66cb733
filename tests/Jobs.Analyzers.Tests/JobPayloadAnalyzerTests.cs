using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS007, JOBS008, JOBS010 and JOBS012: the payload type, judged by the generator's parser.</summary>
public sealed class JobPayloadAnalyzerTests
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        """;

    /// <summary>A context written by hand (the test compiler does not run System.Text.Json's generator), with the given [JsonSerializable] lines.</summary>
    private static string Context(params string[] types) => MarkedContext("AcmeJsonContext", types);

    /// <summary>The same, with the class name written as given (markup for its location, say).</summary>
    private static string MarkedContext(string className, params string[] types) =>
        "[assembly: JobsSerialization(Context = typeof(Acme.AcmeJsonContext))]\n\nnamespace Acme;\n\n"
        + "[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]\n" // names as the assembly does (JOBS018)
        + string.Concat(types.Select(t => $"[JsonSerializable(typeof({t}))]\n"))
        + """
        internal sealed class CLASSNAME : JsonSerializerContext
        {
            public AcmeJsonContext() : base(null)
            {
            }

            public static AcmeJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        """.Replace("CLASSNAME", className, StringComparison.Ordinal);

    private static string Handler(string args, string baseType) => $$"""
        [JobTask("send")]
        public sealed class SendHandler : {{baseType}}
        {
            public Task HandleAsync({{args}} args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static DiagnosticResult Diagnostic(string id) => Verify<JobPayloadAnalyzer>.Diagnostic(id);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    [Fact]
    public Task JOBS007_a_member_type_the_generated_serializer_does_not_handle() =>
        VerifyAsync(
            "namespace Acme;\n\npublic sealed record Crawl(Uri Link, int Depth);\n\n" + Handler("Crawl", "{|#0:IJobHandler<Crawl>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "System.Uri", "Crawl.Link", "a framework type it has no code for", "Uri"));

    [Fact]
    public Task JOBS007_names_the_member_path_through_collections() =>
        VerifyAsync(
            "namespace Acme;\n\npublic sealed record Link(Uri Target);\npublic sealed record Crawl(List<Link> Links, Dictionary<string, Link[]> ByHost);\n\n" + Handler("Crawl", "{|#0:IJobHandler<Crawl>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "System.Uri", "Crawl.Links[i].Target", "a framework type it has no code for", "Uri"));

    [Fact]
    public Task JOBS007_the_payload_itself() =>
        VerifyAsync(
            "namespace Acme;\n\n" + Handler("HashSet<int>", "{|#0:IJobHandler<HashSet<int>>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "System.Collections.Generic.HashSet<int>", "HashSet<int>", "a framework type it has no code for", "HashSet<int>"));

    [Fact]
    public Task JOBS007_says_why_the_generated_serializer_declines_a_type() =>
        VerifyAsync(
            """
            namespace Acme;

            public sealed class Money
            {
                public decimal Amount { get; set; }

                [JsonConverter(typeof(JsonStringEnumConverter))]
                public DayOfWeek Day { get; set; }
            }

            """ + Handler("Money", "{|#0:IJobHandler<Money>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "Acme.Money", "Money", "its property 'Day' has [JsonConverter]", "Money"));

    [Fact]
    public Task JOBS007_is_reported_per_type() =>
        VerifyAsync(
            "namespace Acme;\n\npublic sealed record Crawl(Uri Link, HashSet<string> Seen, Uri Other);\n\n" + Handler("Crawl", "{|#0:IJobHandler<Crawl>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "System.Uri", "Crawl.Link", "a framework type it has no code for", "Uri"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "System.Collections.Generic.HashSet<string>", "Crawl.Seen", "a framework type it has no code for", "HashSet<string>"));

    [Fact]
    public Task JOBS007_shapes_the_generated_serializer_handles_need_no_context() =>
        VerifyAsync(
            """
            namespace Acme;

            public enum Level { Low, High }

            [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
            public enum Color { Red, Green }

            public struct Point
            {
                public int X { get; set; }
            }

            public sealed class Recipient
            {
                public string Name { get; init; } = "";
                public required string Address { get; set; }

                [JsonIgnore]
                public object? Cache { get; set; }
            }

            public sealed record Mail(
                string To, int? Count, Guid Id, DateTimeOffset At, DateOnly Day, TimeOnly Time, TimeSpan Span, byte[] Blob, Int128 Huge,
                Level Level, Color Color, Point Where, Point? Maybe, string[] Cc, IReadOnlyList<Recipient> Others, IDictionary<string, List<int>> Scores,
                [property: JsonPropertyName("subject_line")] string Subject);

            """ + Handler("Mail", "IJobHandler<Mail>"));

    [Fact]
    public Task JOBS008_a_type_the_context_does_not_cover() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + "namespace Acme;\n\npublic sealed record Crawl(Uri Link);\n\n" + Handler("Crawl", "{|#0:IJobHandler<Crawl>|}"),
                Preamble + MarkedContext("{|#1:AcmeJsonContext|}", "int"),
            ],
            Diagnostic("JOBS008").WithLocation(0).WithLocation(1).WithArguments("SendHandler", "System.Uri", "Crawl.Link", "Acme.AcmeJsonContext", "Uri"));

    [Fact]
    public Task JOBS008_a_type_the_context_lists() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + "namespace Acme;\n\npublic sealed record Crawl(Uri Link);\n\n" + Handler("Crawl", "IJobHandler<Crawl>"),
                Preamble + Context("Uri"),
            ]);

    [Fact]
    public Task JOBS008_a_type_the_context_reaches_through_another() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + "namespace Acme;\n\npublic sealed record Page(List<Uri> Links);\npublic sealed record Crawl(Uri Link, HashSet<string> Seen);\n\n" + Handler("Crawl", "IJobHandler<Crawl>"),
                Preamble + Context("Page", "Dictionary<string, HashSet<string>>"),
            ]);

    [Fact]
    public Task JOBS010_a_type_without_a_deserialization_constructor() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + """
                namespace Acme;

                public sealed class Pair
                {
                    public Pair(int left) => Left = left;
                    public Pair(string left) => Left = left.Length;
                    public int Left { get; }
                }

                public sealed record Move(Pair From);

                """ + Handler("Move", "{|#0:IJobHandler<Move>|}"),
                Preamble + Context("Pair"),
            ],
            Diagnostic("JOBS010").WithLocation(0).WithArguments("Acme.Pair", "SendHandler", "Move.From", "has no constructor to deserialize with (mark one public constructor [JsonConstructor], or add a public parameterless one)"));

    [Fact]
    public Task JOBS010_an_abstract_type() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + "namespace Acme;\n\npublic abstract class Shape\n{\n    public int Sides { get; set; }\n}\n\n" + Handler("Shape", "{|JOBS010:IJobHandler<Shape>|}"),
                Preamble + Context("Shape"),
            ]);

    [Fact]
    public Task JOBS010_with_no_context_comes_beside_JOBS007() =>
        VerifyAsync(
            "namespace Acme;\n\npublic interface IThing\n{\n    int Weight { get; }\n}\n\n" + Handler("IThing", "{|#0:IJobHandler<IThing>|}"),
            Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "Acme.IThing", "IThing", "an interface", "IThing"),
            Diagnostic("JOBS010").WithLocation(0).WithArguments("Acme.IThing", "SendHandler", "IThing", "is an interface with neither [JsonPolymorphic]/[JsonDerivedType] nor a [JsonConverter]"));

    [Fact]
    public Task JOBS010_a_marked_constructor_or_polymorphism_is_fine() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            [
                Preamble + """
                namespace Acme;

                public sealed class Pair
                {
                    [JsonConstructor]
                    public Pair(int left) => Left = left;
                    public Pair(string left) => Left = left.Length;
                    public int Left { get; }
                }

                [JsonDerivedType(typeof(Square), "square")]
                public abstract class Shape
                {
                    public int Sides { get; set; }
                }

                public sealed class Square : Shape
                {
                }

                public sealed record Move(Pair From, Shape Into);

                """ + Handler("Move", "IJobHandler<Move>"),
                Preamble + Context("Shape"),
            ]);

    [Fact]
    public Task A_non_public_marked_constructor_is_called_by_generated_code() =>
        VerifyAsync(
            """
            namespace Acme;

            public sealed class Pair
            {
                [JsonConstructor]
                private Pair(int left) => Left = left;
                public int Left { get; }
            }

            """ + Handler("Pair", "IJobHandler<Pair>"));

    [Fact]
    public Task JsonInclude_on_non_public_accessors_is_handled_by_generated_code() =>
        VerifyAsync(
            """
            namespace Acme;

            public class Secrets
            {
                [JsonInclude] public string Secret { get; private set; } = "";
                [JsonInclude] public int Counter { get; protected set; }
                [JsonInclude] private string Hidden { get; set; } = "";
                [JsonInclude] public string Blind { private get; set; } = "";
                public string Plain { get; private set; } = "";
            }

            public struct Point
            {
                [JsonInclude] public int X { get; private set; }
            }

            public sealed record Both(Secrets Secrets, Point Point);

            """ + Handler("Both", "IJobHandler<Both>"));

    [Fact]
    public Task JOBS012_a_payload_type_generated_code_cannot_name() =>
        VerifyAsync(
            """
            namespace Acme;

            public sealed class SendHandler : {|#0:IJobHandler<SendHandler.Args>|}
            {
                private sealed record Args(int Value);

                Task IJobHandler<Args>.HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """.Replace("public sealed class SendHandler", "[JobTask(\"send\")]\npublic sealed class SendHandler", StringComparison.Ordinal),
            Diagnostic("JOBS012").WithLocation(0).WithArguments("Acme.SendHandler.Args", "SendHandler"));

    [Fact]
    public Task JOBS012_internal_and_nested_visible_payload_types_are_fine() =>
        VerifyAsync(
            """
            namespace Acme;

            [JobTask("send")]
            public sealed class SendHandler : IJobHandler<SendHandler.Args>
            {
                internal sealed record Args(int Value);

                Task IJobHandler<Args>.HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Handlers_whose_payload_type_is_unknown_are_left_alone() =>
        VerifyAsync(
            """
            namespace Acme;

            [JobTask("send")]
            public sealed class SendHandler<T> : IJobHandler<T>
            {
                public Task HandleAsync(T args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("two")]
            public sealed class TwoHandler : IJobHandler<Uri>, IJobHandler<HashSet<int>>
            {
                public Task HandleAsync(Uri args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                public Task HandleAsync(HashSet<int> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
}
