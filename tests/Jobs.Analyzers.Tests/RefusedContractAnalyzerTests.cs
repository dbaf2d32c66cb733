using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>
/// JOBS020: payload types System.Text.Json itself refuses (InvalidOperationException for the contract,
/// reflection-based and source-generated alike, checked on .NET 10), and their near misses it accepts.
/// </summary>
public sealed class RefusedContractAnalyzerTests
{
    private const string Preamble = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        """;

    private const string Handler = """

        [JobTask("send")]
        public sealed class SendHandler : {|#0:IJobHandler<Args>|}
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(Preamble + source + Handler, expected);

    private static DiagnosticResult Refused(string type, string problem) =>
        Verify<JobPayloadAnalyzer>.Diagnostic("JOBS020").WithLocation(0).WithArguments(type, "SendHandler", problem);

    private const string WhenWritingNullText = "' and has [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)], which System.Text.Json accepts only on members that can be null; use JsonIgnoreCondition.WhenWritingDefault, or make the type nullable";

    private const string RequiredText = ", so no JSON could set it; remove the [JsonIgnore] (or give it a setter), or drop 'required'/[JsonRequired]";

    [Fact]
    public Task JOBS020_WhenWritingNull_on_a_value_type_property() =>
        VerifyAsync(
            """
            public class Args
            {
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int Count { get; set; }
            }
            """,
            Refused("Acme.Args", "its property 'Count' is of the non-nullable value type 'int" + WhenWritingNullText));

    [Fact]
    public Task JOBS020_WhenWritingNull_on_an_enum_field_and_a_base_property_a_derived_one_hides() =>
        VerifyAsync(
            """
            public class Base
            {
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DayOfWeek Day { get; set; }
            }
            public class Args : Base
            {
                public new DayOfWeek Day { get; set; }
                [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Guid Id;
            }
            """,
            Refused("Acme.Args", "its field 'Id' is of the non-nullable value type 'Guid" + WhenWritingNullText),
            Refused("Acme.Args", "its property 'Day' (declared on 'Base') is of the non-nullable value type 'DayOfWeek" + WhenWritingNullText));

    [Fact]
    public Task WhenWritingNull_on_nullable_and_reference_types_and_WhenWritingDefault_need_nothing() =>
        VerifyAsync(
            """
            public class Args
            {
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Count { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Total { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] private int Hidden { get; set; }
                public int Peek() => Hidden;
            }
            """);

    [Fact]
    public Task JOBS020_required_members_ignored_on_reading() =>
        VerifyAsync(
            """
            public class Args
            {
                [JsonIgnore] public required int A { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int B { get; set; }
                [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.Always)] public required int C;
                [JsonRequired, JsonIgnore] public int D { get; set; }
                [JsonRequired] public int E => 1;
            }
            """,
            Refused("Acme.Args", "its property 'A' is required but has [JsonIgnore]" + RequiredText),
            Refused("Acme.Args", "its field 'C' is required but has [JsonIgnore]" + RequiredText),
            Refused("Acme.Args", "its property 'D' is required but has [JsonIgnore]" + RequiredText),
            Refused("Acme.Args", "its property 'B' is required but has [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]" + RequiredText),
            Refused("Acme.Args", "its property 'E' is required but has no setter System.Text.Json uses" + RequiredText));

    [Fact]
    public Task JOBS020_a_required_member_ignored_under_a_json_name_another_member_took() =>
        VerifyAsync(
            """
            public class Args
            {
                [JsonPropertyName("x")] public int P { get; set; }
                [JsonIgnore] public required int X { get; set; }
            }
            """,
            Refused("Acme.Args", "its property 'X' is required but has [JsonIgnore]" + RequiredText));

    [Fact]
    public Task Required_members_ignored_only_on_writing_or_set_by_the_constructor_need_nothing() =>
        VerifyAsync(
            """
            public class Args
            {
                [SetsRequiredMembers] public Args() { A = 1; B = 2; }
                [JsonIgnore] public required int A { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int B { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public required int C { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public required int D { get; set; }
            }
            """);

    [Fact]
    public Task JOBS020_two_members_with_one_JSON_name() =>
        VerifyAsync(
            """
            public class Base
            {
                [JsonPropertyName("total")] public int Sum { get; set; }
            }
            public class Args : Base
            {
                [JsonPropertyName("x")] public int P { get; set; }
                public int X { get; set; }
                public int Total { get; set; }
            }
            """,
            Refused("Acme.Args", "its property 'P' and its property 'X' both have the JSON name \"x\"; give one of them another [JsonPropertyName], or [JsonIgnore] one"),
            Refused("Acme.Args", "its property 'Total' and its property 'Sum' (declared on 'Base') both have the JSON name \"total\"; give one of them another [JsonPropertyName], or [JsonIgnore] one"));

    [Fact]
    public Task JOBS020_the_naming_policy_makes_two_names_equal() =>
        VerifyAsync(
            """
            public class Args
            {
                public int UserId { get; set; }
                [JsonInclude] public int User_Id;
            }
            """,
            Refused("Acme.Args", "its property 'UserId' and its field 'User_Id' both have the JSON name \"user_id\"; give one of them another [JsonPropertyName], or [JsonIgnore] one"));

    [Fact]
    public Task The_declared_names_keep_them_apart() =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(
            Preamble.Replace("namespace Acme;", "[assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.AsDeclared)]\n\nnamespace Acme;", StringComparison.Ordinal)
            + """
            public class Args
            {
                public int UserId { get; set; }
                [JsonInclude] public int User_Id;
            }
            """ + Handler);

    [Fact]
    public Task Ignored_hidden_and_unserialized_members_take_no_part_in_names() =>
        VerifyAsync(
            """
            public class Base
            {
                public int X { get; set; }
            }
            public class Args : Base
            {
                public new int X { get; set; }
                [JsonPropertyName("x"), JsonIgnore] public int P { get; set; }
                [JsonPropertyName("x")] private int Q { get; set; }
                [JsonPropertyName("x")] public int R;
                public int Peek() => Q;
            }
            """);
}
