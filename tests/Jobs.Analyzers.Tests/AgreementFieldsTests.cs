namespace Jobs.Analyzers.Tests;

/// <summary>
/// Issue 10: payloads with fields. The generator and the analyzers judge them alike: [JsonInclude]
/// fields of any accessibility, readonly and required fields get code; a field with an attribute
/// the generated serializer does not handle is left to the context (JOBS007 without one).
/// </summary>
public sealed class AgreementFieldsTests
{
    private const string Sources = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Mixed;

        public class Fields
        {
            [JsonInclude] public int Public;
            [JsonInclude] private string _private = "";
            [JsonInclude] protected long Protected;
            [JsonInclude] internal double Internal;
            [JsonInclude] public readonly string ReadOnly = "";
            [JsonInclude] private readonly int _readOnlyPrivate;
            [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? Tags;
            public int NotIncluded;
            public string Name { get; set; } = "";
            public int Peek() => _readOnlyPrivate + _private.Length;
        }
        public struct FieldStruct
        {
            [JsonInclude] private int _x;
            [JsonInclude] public readonly int Y;
            public FieldStruct(int x, int y) { _x = x; Y = y; }
            public int X => _x;
        }
        public sealed class RequiredFields
        {
            [JsonInclude] public required int Included;
            public required string NotSerialized = "kept";
        }
        public struct RequiredStruct
        {
            public required int Skipped;
            [JsonInclude] public int Kept;
        }
        public sealed class ConstructedFromFields
        {
            [JsonInclude] public readonly int A;
            [JsonInclude] private readonly string _b;
            public ConstructedFromFields(int a, string _b) { A = a; this._b = _b; }
            public string B => _b;
        }
        public sealed class ConvertedField
        {
            [JsonInclude, JsonConverter(typeof(JsonStringEnumConverter))] public DayOfWeek Day;
        }

        [JobTask("fields")]
        public sealed class FieldsHandler : IJobHandler<Fields>
        {
            public Task HandleAsync(Fields args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("field_struct")]
        public sealed class FieldStructHandler : IJobHandler<FieldStruct>
        {
            public Task HandleAsync(FieldStruct args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("required_fields")]
        public sealed class RequiredFieldsHandler : IJobHandler<RequiredFields>
        {
            public Task HandleAsync(RequiredFields args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("required_struct")]
        public sealed class RequiredStructHandler : IJobHandler<RequiredStruct>
        {
            public Task HandleAsync(RequiredStruct args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("constructed")]
        public sealed class ConstructedHandler : IJobHandler<ConstructedFromFields>
        {
            public Task HandleAsync(ConstructedFromFields args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("converted")]
        public sealed class ConvertedHandler : IJobHandler<ConvertedField>
        {
            public Task HandleAsync(ConvertedField args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    [Fact]
    public async Task Fields_are_judged_alike()
    {
        var outcome = await AgreementTests.RunAsync(Sources);

        outcome.AssertAgreement();
        Assert.Equal(
            ["ConstructedHandler", "FieldStructHandler", "FieldsHandler", "RequiredFieldsHandler", "RequiredStructHandler"],
            outcome.Generated.Order(StringComparer.Ordinal));
        Assert.Equal(["JOBS007"], outcome.DiagnosticsOf["ConvertedHandler"].Select(d => d.Id));
    }
}
