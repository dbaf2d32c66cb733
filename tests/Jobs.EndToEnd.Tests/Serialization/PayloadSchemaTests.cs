using System.Text.Json.Nodes;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using Json.Schema;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// The JSON Schema the generator writes for each task, checked by an independent validator
/// (JsonSchema.Net, formats enforced): every payload the generated writer writes conforms, on
/// random values of every shape; what the reader would refuse (a missing required member, a wrong
/// type, an unknown enum name) does not.
/// </summary>
public sealed class PayloadSchemaTests
{
    private const int Iterations = 300;

    private static readonly IReadOnlyDictionary<string, JobTaskDescriptor> Tasks =
        new JobsEndToEndTestsJobDispatcher().Tasks.ToDictionary(t => t.Name);

    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    // Parsed once: JsonSchema.Net keeps parsed schemas in a registry shared by every thread.
    private static readonly IReadOnlyDictionary<string, JsonSchema> Schemas =
        Tasks.Values.ToDictionary(t => t.Name, t => JsonSchema.FromText(t.PayloadSchema!));

    private static JsonSchema SchemaOf(string task) => Schemas[task];

    private static void Conforms(string task, ReadOnlyMemory<byte> payload)
    {
        using var document = System.Text.Json.JsonDocument.Parse(payload);
        var result = SchemaOf(task).Evaluate(document.RootElement, Strict);
        Assert.True(result.IsValid, $"{task}: {System.Text.Encoding.UTF8.GetString(payload.Span)}\n" + string.Join("\n",
            (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    private static bool Valid(string task, string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return SchemaOf(task).Evaluate(document.RootElement, Strict).IsValid;
    }

    [Fact]
    public void Every_generated_task_carries_a_draft_2020_12_schema_titled_with_its_name()
    {
        Assert.All(Tasks.Values, task =>
        {
            var schema = JsonNode.Parse(task.PayloadSchema!)!;
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
            Assert.Equal(task.Name, (string?)schema["title"]);
        });
    }

    [Fact]
    public void Written_payloads_of_every_shape_conform_to_their_schema()
    {
        PayloadGenerators.Primitives.Sample(v => Conforms("e2e_primitives", JobsEndToEndTestsJobPayloads.SerializePrimitives(v)), iter: Iterations, threads: 1);
        PayloadGenerators.Collections.Sample(v => Conforms("e2e_collections", JobsEndToEndTestsJobPayloads.SerializeCollections(v)), iter: Iterations, threads: 1);
        PayloadGenerators.Settings.Sample(v => Conforms("e2e_settings", JobsEndToEndTestsJobPayloads.SerializeSettings(v)), iter: Iterations, threads: 1);
        PayloadGenerators.UserRenamed.Sample(v => Conforms("e2e_user_renamed", JobsEndToEndTestsJobPayloads.SerializeUserRenamed(v)), iter: Iterations, threads: 1);
        PayloadGenerators.Tree.Sample(v => Conforms("e2e_tree", JobsEndToEndTestsJobPayloads.SerializeTreeNode(v)), iter: Iterations, threads: 1);
        PayloadGenerators.Feelings.Sample(v => Conforms("e2e_feelings", JobsEndToEndTestsJobPayloads.SerializeFeelings(v)), iter: Iterations, threads: 1);
        PayloadGenerators.Email.Sample(v => Conforms("e2e_send_email", JobsEndToEndTestsJobPayloads.SerializeEmailArgs(v)), iter: Iterations, threads: 1);
        FieldsEquivalenceTests.Args.Sample(v => Conforms("e2e_fields", JobsEndToEndTestsJobPayloads.SerializeFieldsArgs(v)), iter: Iterations, threads: 1);
        foreach (var point in new Point?[] { null, new Point(3, -4) })
        {
            Conforms("e2e_maybe_move_point", JobsEndToEndTestsJobPayloads.SerializeNullablePoint(point));
        }
    }

    [Fact]
    public void What_the_reader_refuses_does_not_conform()
    {
        var email = JsonNode.Parse(JobsEndToEndTestsJobPayloads.SerializeEmailArgs(PayloadGenerators.Email.Single()).Span)!.AsObject();
        Assert.True(Valid("e2e_send_email", email.ToJsonString()));

        var wrongType = email.DeepClone().AsObject();
        wrongType["to"] = 42;
        Assert.False(Valid("e2e_send_email", wrongType.ToJsonString()), "a number where the schema says string");

        var badId = email.DeepClone().AsObject();
        badId["template_id"] = "not-a-uuid";
        Assert.False(Valid("e2e_send_email", badId.ToJsonString()), "a uuid that is not one");

        var fields = JsonNode.Parse(JobsEndToEndTestsJobPayloads.SerializeFieldsArgs(FieldsEquivalenceTests.Args.Single()).Span)!.AsObject();
        Assert.True(Valid("e2e_fields", fields.ToJsonString()));
        fields["required"]!.AsObject().Remove("included");
        Assert.False(Valid("e2e_fields", fields.ToJsonString()), "a required member missing");

        Assert.False(Valid("e2e_primitives", "[]"), "an array for an object");
        Assert.False(Valid("e2e_move_point", "null"), "null for a struct");
        Assert.True(Valid("e2e_maybe_move_point", "null"), "null for a nullable struct");
    }
}
