using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>Issue 10: fields in payloads, as System.Text.Json's reflection serializes them, judged by the generator's parser.</summary>
public sealed class JobPayloadAnalyzerFieldsTests
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        """;

    private static string Handler(string args, string baseType) => $$"""

        [JobTask("send")]
        public sealed class SendHandler : {{baseType}}
        {
            public Task HandleAsync({{args}} args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    [Fact]
    public Task JsonInclude_fields_of_every_accessibility_need_nothing() =>
        VerifyAsync(
            """
            public class Args
            {
                [JsonInclude] public int Public;
                [JsonInclude] private int _private;
                [JsonInclude] protected int Protected;
                [JsonInclude] internal int Internal;
                [JsonInclude] protected internal int ProtectedInternal;
                [JsonInclude] private protected int PrivateProtected;
                [JsonInclude] public readonly int ReadOnly;
                [JsonInclude] private readonly int _readOnly;
                public int Peek() => _private + _readOnly;
            }
            """ + Handler("Args", "IJobHandler<Args>"));

    [Fact]
    public Task Required_fields_with_and_without_JsonInclude_need_nothing() =>
        VerifyAsync(
            """
            public sealed class Args
            {
                [JsonInclude] public required int Included;
                public required string NotSerialized = "kept";
            }
            """ + Handler("Args", "IJobHandler<Args>"));

    [Fact]
    public Task A_struct_with_private_fields_needs_nothing() =>
        VerifyAsync(
            """
            public struct Args
            {
                [JsonInclude] private int _x;
                [JsonInclude] public readonly string? Label;
                public required int Skipped;
                public int X => _x;
            }
            """ + Handler("Args", "IJobHandler<Args>"));

    [Fact]
    public Task JOBS007_a_field_with_its_own_converter() =>
        VerifyAsync(
            """
            public sealed class Args
            {
                [JsonInclude, JsonConverter(typeof(JsonStringEnumConverter))] public DayOfWeek Day;
            }
            """ + Handler("Args", "{|#0:IJobHandler<Args>|}"),
            Verify<JobPayloadAnalyzer>.Diagnostic("JOBS007").WithLocation(0).WithArguments("SendHandler", "Acme.Args", "Args", "its field 'Day' has [JsonConverter]", "Args"));
}
