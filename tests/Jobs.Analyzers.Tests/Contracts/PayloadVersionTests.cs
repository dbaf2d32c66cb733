using Jobs.Analyzers.CodeFixes;
using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests.Contracts;

/// <summary>
/// [JobPayloadVersion]: JOBS025 for what the generated reader cannot honour, and the contract check
/// accepting a deliberate break when the previous version's type still reads what was recorded.
/// </summary>
public sealed class PayloadVersionTests
{
    private const string File = "jobs.contracts.json";

    private const string Usings = "using System.Threading;\nusing System.Threading.Tasks;\nusing Jobs;\n\nnamespace Acme;\n\n";

    private const string Handler = """

        [JobTask("ship")]
        public sealed class {|#0:ShipHandler|} : IJobHandler<ShipArgs>
        {
            public Task HandleAsync(ShipArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string V1 = "public sealed record ShipArgsV1(string Address, double WeightKg);\n";

    private const string V2 = """
        [JobPayloadVersion(2, Previous = typeof(ShipArgsV1))]
        public sealed record ShipArgs(string Address, int WeightGrams)
        {
            public static ShipArgs Upcast(ShipArgsV1 previous) => new(previous.Address, (int)(previous.WeightKg * 1000));
        }

        """;

    private static string Recorded(string version, string payload, string members) =>
        "{\n  \"$comment\": \"Payload contracts of this assembly's job tasks, checked at build time by the Jobs analyzers: a change that breaks payloads already enqueued is an error (JOBS021, JOBS023). Update this file with the code fix of JOBS022; see the Jobs README, 'Payload contracts'.\",\n"
        + "  \"tasks\": {\n    \"ship\": {\n" + version + "      \"payload\": \"" + payload + "\",\n      \"types\": {\n        \"" + payload + "\": {\n" + members + "\n        }\n      }\n    }\n  }\n}\n";

    private static readonly string RecordedV1 = Recorded("", "ShipArgsV1", "          \"address\": \"required string\",\n          \"weight_kg\": \"required double\"");

    private static readonly string RecordedV2 = Recorded("      \"version\": 2,\n", "ShipArgs", "          \"address\": \"required string\",\n          \"weight_grams\": \"required int32\"");

    /// <summary>What the fix writes for version 2: version 1's contract kept under "previous", checked from then on.</summary>
    private static readonly string RecordedV2WithV1 = RecordedV2.Replace(
        "        }\n      }\n    }\n  }\n}\n",
        "        }\n      },\n      \"previous\": {\n        \"payload\": \"ShipArgsV1\",\n        \"types\": {\n          \"ShipArgsV1\": {\n            \"address\": \"required string\",\n            \"weight_kg\": \"required double\"\n          }\n        }\n      }\n    }\n  }\n}\n",
        StringComparison.Ordinal);

    private static DiagnosticResult Contract(string id) => Verify<JobContractAnalyzer>.Diagnostic(id);

    private static DiagnosticResult Version() => Verify<JobPayloadVersionAnalyzer>.Diagnostic("JOBS025");

    [Fact]
    public Task A_version_with_its_previous_type_and_upcast_is_valid() =>
        Verify<JobPayloadVersionAnalyzer>.AnalyzerAsync(Usings + V1 + V2 + Handler);

    [Theory]
    [InlineData("[{|#1:JobPayloadVersion(1, Previous = typeof(ShipArgsV1))|}]", "its version must be 2 or more (a payload type without the attribute is version 1)")]
    [InlineData("[{|#1:JobPayloadVersion(2)|}]", "it names no Previous type, the type of the version before, to read earlier payloads as")]
    [InlineData("[{|#1:JobPayloadVersion(2, Previous = typeof(ShipArgs))|}]", "its Previous type is the type itself")]
    [InlineData("[{|#1:JobPayloadVersion(2, Previous = typeof(Other))|}]", "it has no public or internal 'static ShipArgs Upcast(Other previous)' for the generated reader to convert earlier payloads with")]
    [InlineData("[{|#1:JobPayloadVersion(2, Previous = typeof(string))|}]", "its Previous type String is not a concrete, non-generic class, struct or record, which earlier payloads are read as")]
    public Task An_attribute_the_reader_cannot_honour_is_an_error_naming_why(string attribute, string problem) =>
        Verify<JobPayloadVersionAnalyzer>.AnalyzerAsync(
            Usings + V1 + "public sealed record Other(int X);\n" + V2.Replace("[JobPayloadVersion(2, Previous = typeof(ShipArgsV1))]", attribute, StringComparison.Ordinal) + Handler,
            Version().WithLocation(1).WithArguments("ShipArgs", problem));

    [Fact]
    public Task A_previous_type_of_the_same_or_a_later_version_is_an_error() =>
        Verify<JobPayloadVersionAnalyzer>.AnalyzerAsync(
            Usings + "[JobPayloadVersion(3, Previous = typeof(Other))]\npublic sealed record ShipArgsV1(string Address, double WeightKg)\n{\n    public static ShipArgsV1 Upcast(Other previous) => new(\"\", previous.X);\n}\npublic sealed record Other(int X);\n"
                + V2.Replace("[JobPayloadVersion(2, ", "[{|#1:JobPayloadVersion(2, ", StringComparison.Ordinal).Replace("typeof(ShipArgsV1))]", "typeof(ShipArgsV1))|}]", StringComparison.Ordinal) + Handler,
            Version().WithLocation(1).WithArguments("ShipArgs", "its Previous type ShipArgsV1 is version 3, not below 2"));

    [Fact]
    public Task A_new_version_whose_previous_type_reads_the_recorded_payloads_is_accepted_and_the_fix_records_it() =>
        Verify<JobContractAnalyzer>.AdditionalFileFixAsync<RecordContractCodeFix>(
            Usings + V1 + V2 + Handler,
            (File, RecordedV1),
            RecordedV2WithV1,
            [Contract("JOBS022").WithLocation(0).WithArguments("ship", "ShipHandler", "version 2 (ShipArgs) reads version 1 payloads as ShipArgsV1 and upcasts them")],
            []);

    [Fact]
    public Task A_new_version_whose_previous_type_no_longer_reads_the_recorded_payloads_is_an_error() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Usings + V1.Replace("double WeightKg", "int WeightKg", StringComparison.Ordinal) + V2 + Handler,
            [(File, RecordedV1)],
            Contract("JOBS021").WithLocation(0).WithArguments("ship", "ShipHandler", "version 1 (ShipArgsV1), read before the upcast: member 'weight_kg' of ShipArgsV1 changed from double to int32"));

    [Fact]
    public Task Dropping_the_version_the_file_records_is_an_error() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Usings + "public sealed record ShipArgs(string Address, int WeightGrams);\n" + Handler,
            [(File, RecordedV2)],
            Contract("JOBS021").WithLocation(0).WithArguments("ship", "ShipHandler", "the payload went back from version 2 to 1"));

    [Fact]
    public Task An_earlier_version_recorded_under_previous_stays_checked() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Usings + V1.Replace("double WeightKg", "double Kilograms", StringComparison.Ordinal).Replace("(int)(previous.WeightKg", "(int)(previous.Kilograms", StringComparison.Ordinal) + V2.Replace("previous.WeightKg", "previous.Kilograms", StringComparison.Ordinal) + Handler,
            [(File, RecordedV2WithV1)],
            Contract("JOBS021").WithLocation(0).WithArguments("ship", "ShipHandler", "version 1 (ShipArgsV1), read before the upcast: member 'kilograms' of ShipArgsV1 is new and required (payloads without it no longer read; give it a default)"),
            Contract("JOBS021").WithLocation(0).WithArguments("ship", "ShipHandler", "version 1 (ShipArgsV1), read before the upcast: member 'weight_kg' of ShipArgsV1 was removed or renamed"));

    [Fact]
    public Task The_recorded_chain_with_the_same_shapes_is_quiet() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(Usings + V1 + V2 + Handler, [(File, RecordedV2WithV1)]);

    [Fact]
    public Task The_recorded_version_with_the_same_shape_is_quiet() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(Usings + V1 + V2 + Handler, [(File, RecordedV2)]);
}
