using Jobs.Analyzers.CodeFixes;
using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests.Contracts;

/// <summary>JOBS021 to JOBS024 over a compilation with jobs.contracts.json, and JOBS022's code fix.</summary>
public sealed class JobContractAnalyzerTests
{
    private const string File = "jobs.contracts.json";

    private static string Source(string args, string handlerClass = "{|#0:SendHandler|}", string task = "send") => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        {{args}}

        public enum Color { Green, Red }

        [JobTask("{{task}}")]
        public sealed class {{handlerClass}} : IJobHandler<SendArgs>
        {
            public Task HandleAsync(SendArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string Args = "public sealed record SendArgs(string To, int? RetryCount, List<string> Tags, Color Color, Address? ReplyTo = null);\npublic sealed record Address(string City);";

    /// <summary>What the code fix writes for <see cref="Args"/>: every member by its snake_case name, sorted.</summary>
    private const string Recorded = """
        {
          "$comment": "Payload contracts of this assembly's job tasks, checked at build time by the Jobs analyzers: a change that breaks payloads already enqueued is an error (JOBS021, JOBS023). Update this file with the code fix of JOBS022; see the Jobs README, 'Payload contracts'.",
          "tasks": {
            "send": {
              "payload": "SendArgs",
              "types": {
                "Address": {
                  "city": "required string"
                },
                "Color": {"$underlying": "int32", "Green": 0, "Red": 1},
                "SendArgs": {
                  "color": "required Color",
                  "reply_to": "Address?",
                  "retry_count": "int32?",
                  "tags": "required string[]",
                  "to": "required string"
                }
              }
            }
          }
        }

        """;

    private static DiagnosticResult Diagnostic(string id) => Verify<JobContractAnalyzer>.Diagnostic(id);

    [Fact]
    public Task Without_the_file_nothing_is_checked() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(Source(Args));

    [Fact]
    public Task A_recorded_contract_the_payload_still_meets_is_quiet() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(Source(Args), [(File, Recorded)]);

    [Fact]
    public Task A_task_not_recorded_yet_is_info_and_the_fix_records_it_exactly() =>
        Verify<JobContractAnalyzer>.AdditionalFileFixAsync<RecordContractCodeFix>(
            Source(Args),
            (File, "{}"),
            Recorded.Replace("\r\n", "\n", StringComparison.Ordinal),
            [Diagnostic("JOBS022").WithLocation(0).WithArguments("send", "SendHandler", "the task is not recorded yet")],
            []);

    [Fact]
    public Task A_removed_member_is_an_error_on_the_handler() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args.Replace("List<string> Tags, ", "", StringComparison.Ordinal)),
            [(File, Recorded)],
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "member 'tags' of SendArgs was removed or renamed"));

    [Fact]
    public Task Each_breaking_change_is_its_own_error_and_additive_ones_are_one_info() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source("public sealed record SendArgs(int To, int? RetryCount, List<string> Tags, Color Color, string Subject, Address? ReplyTo = null, string? Note = null);\npublic sealed record Address(string? City);"),
            [(File, Recorded)],
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "member 'subject' of SendArgs is new and required (payloads without it no longer read; give it a default)"),
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "member 'to' of SendArgs changed from string to int32"),
            Diagnostic("JOBS022").WithLocation(0).WithArguments("send", "SendHandler", "member 'city' of Address is now optional; member 'city' of Address now accepts null; member 'note' of SendArgs is new"));

    [Fact]
    public Task A_member_no_longer_read_counts_as_removed() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args.Replace("int? RetryCount, ", "", StringComparison.Ordinal).Replace("Address? ReplyTo = null)", "Address? ReplyTo = null)\n{\n    public int? RetryCount { get; } = 3;\n}", StringComparison.Ordinal)),
            [(File, Recorded)],
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "member 'retry_count' of SendArgs was removed or renamed"));

    [Fact]
    public Task A_type_left_to_the_serializer_context_is_recorded_by_a_name_the_file_reads_back() =>
        Verify<JobContractAnalyzer>.AdditionalFileFixAsync<RecordContractCodeFix>(
            Source("public sealed record SendArgs(Dictionary<int, string?> Extra);"),
            (File, "{}"),
            Recorded.Replace("\r\n", "\n", StringComparison.Ordinal)
                .Replace("        \"Address\": {\n          \"city\": \"required string\"\n        },\n", "", StringComparison.Ordinal)
                .Replace("        \"Color\": {\"$underlying\": \"int32\", \"Green\": 0, \"Red\": 1},\n", "", StringComparison.Ordinal)
                .Replace("          \"color\": \"required Color\",\n          \"reply_to\": \"Address?\",\n          \"retry_count\": \"int32?\",\n          \"tags\": \"required string[]\",\n          \"to\": \"required string\"", "          \"extra\": \"required external(System.Collections.Generic.Dictionary<int,string>)\"", StringComparison.Ordinal),
            [Diagnostic("JOBS022").WithLocation(0).WithArguments("send", "SendHandler", "the task is not recorded yet")],
            []);

    [Fact]
    public Task A_numeric_enum_member_inserted_before_others_moves_their_values_and_is_an_error() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args).Replace("public enum Color { Green, Red }", "public enum Color { Blue, Green, Red }", StringComparison.Ordinal),
            [(File, Recorded)],
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "enum Color's Green was 0 and is now 1: stored 0s change meaning"),
            Diagnostic("JOBS021").WithLocation(0).WithArguments("send", "SendHandler", "enum Color's Red was 1 and is now 2: stored 1s change meaning"));

    [Fact]
    public Task A_numeric_enum_member_appended_is_info() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args).Replace("public enum Color { Green, Red }", "public enum Color { Green, Red, Blue }", StringComparison.Ordinal),
            [(File, Recorded)],
            Diagnostic("JOBS022").WithLocation(0).WithArguments("send", "SendHandler", "enum Color has a new member Blue (2)"));

    [Fact]
    public Task A_recorded_task_no_handler_serves_is_an_error_in_the_file() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args, task: "send_v2"),
            [(File, Recorded)],
            Diagnostic("JOBS022").WithLocation(0).WithArguments("send_v2", "SendHandler", "the task is not recorded yet"),
            Diagnostic("JOBS023").WithSpan(File, 4, 5, 4, 6).WithArguments("send"));

    [Fact]
    public Task An_unreadable_file_is_an_error_where_it_goes_wrong() =>
        Verify<JobContractAnalyzer>.AnalyzerAsync(
            Source(Args),
            [(File, "{\n  \"tasks\": {\"send\": {\"payload\": \"SendArgs[\"}}\n}")],
            Diagnostic("JOBS024").WithSpan(File, 2, 33, 2, 34).WithArguments("'SendArgs[' is not a type (at offset 34)"));

    [Fact]
    public Task The_fix_records_compatible_changes_and_leaves_a_breaking_task_as_recorded()
    {
        // Two tasks: "send" gains an optional member (compatible), "other" lost one (breaking).
        var source = Source(Args.Replace("Address? ReplyTo = null", "Address? ReplyTo = null, string? Note = null", StringComparison.Ordinal)) + """

            public sealed record OtherArgs(string Kept);

            [JobTask("other")]
            public sealed class {|#1:OtherHandler|} : IJobHandler<OtherArgs>
            {
                public Task HandleAsync(OtherArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
        var other = "    \"other\": {\n      \"payload\": \"OtherArgs\",\n      \"types\": {\n        \"OtherArgs\": {\n          \"dropped\": \"required string\",\n          \"kept\": \"required string\"\n        }\n      }\n    },\n";
        var recorded = Recorded.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("  \"tasks\": {\n", "  \"tasks\": {\n" + other, StringComparison.Ordinal);
        var fixedFile = recorded.Replace("\"color\": \"required Color\",\n", "\"color\": \"required Color\",\n          \"note\": \"string?\",\n", StringComparison.Ordinal);
        var breaking = Diagnostic("JOBS021").WithLocation(1).WithArguments("other", "OtherHandler", "member 'dropped' of OtherArgs was removed or renamed");
        return Verify<JobContractAnalyzer>.AdditionalFileFixAsync<RecordContractCodeFix>(
            source,
            (File, recorded),
            fixedFile,
            [Diagnostic("JOBS022").WithLocation(0).WithArguments("send", "SendHandler", "member 'note' of SendArgs is new"), breaking],
            [breaking]);
    }
}
