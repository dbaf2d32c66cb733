using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// The generated serializers against System.Text.Json with snake_case on random values of every
/// supported shape: the same bytes out, and the same object back from System.Text.Json's bytes.
/// </summary>
public sealed class EquivalenceTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Primitives_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        PayloadGenerators.Primitives.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializePrimitives(value)), iter: Iterations);

    [Fact]
    public void Primitives_read_from_System_Text_Json_output_are_equal() =>
        PayloadGenerators.Primitives.Sample(value => Assert.Equal(value, JobsEndToEndTestsJobPayloads.DeserializePrimitives(Reference(value))), iter: Iterations);

    [Fact]
    public void A_nullable_struct_payload_is_written_and_read_as_System_Text_Json_does_including_null()
    {
        foreach (var value in new Point?[] { null, new Point(3, -4) })
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeNullablePoint(value));
            Assert.Equal(value, JobsEndToEndTestsJobPayloads.DeserializeNullablePoint(Reference(value)));
        }
    }

    [Fact]
    public void Collections_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        PayloadGenerators.Collections.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeCollections(value)), iter: Iterations);

    [Fact]
    public void Collections_read_from_System_Text_Json_output_are_equal() =>
        PayloadGenerators.Collections.Sample(value => SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeCollections(Reference(value))), iter: Iterations);

    [Fact]
    public void A_class_with_setters_init_accessors_and_attributes_is_written_as_System_Text_Json_writes_it() =>
        PayloadGenerators.Settings.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeSettings(value)), iter: Iterations);

    [Fact]
    public void A_class_with_setters_init_accessors_and_attributes_reads_back_equal() =>
        PayloadGenerators.Settings.Sample(value => SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeSettings(Reference(value))), iter: Iterations);

    [Theory]
    [InlineData("""{"owner":"o"}""")]
    [InlineData("""{"owner":"o","retries":9,"unknown":{"deep":[1,2,{"x":null}]},"labels":[]}""")]
    [InlineData("""{"double_retries":100,"owner":"o","name":"n","ttl_sec":5,"note":null,"Secret":"s","secret":"s"}""")]
    public void Missing_and_unknown_properties_are_treated_as_System_Text_Json_treats_them(string json)
    {
        var expected = JsonSerializer.Deserialize<Settings>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeSettings(System.Text.Encoding.UTF8.GetBytes(json));

        SameValue(expected, actual);
        Assert.Equal(expected.Secret, actual.Secret);
    }

    [Fact]
    public void A_derived_record_is_written_derived_properties_first_as_System_Text_Json_does() =>
        PayloadGenerators.UserRenamed.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeUserRenamed(value)), iter: Iterations);

    [Fact]
    public void A_derived_record_reads_back_equal() =>
        PayloadGenerators.UserRenamed.Sample(value => Assert.Equal(value, JobsEndToEndTestsJobPayloads.DeserializeUserRenamed(Reference(value))), iter: Iterations);

    [Fact]
    public void A_record_struct_round_trips_as_System_Text_Json_does() =>
        PayloadGenerators.Point.Sample(value =>
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializePoint(value));
            Assert.Equal(value, JobsEndToEndTestsJobPayloads.DeserializePoint(Reference(value)));
        }, iter: Iterations);

    [Fact]
    public void A_recursive_payload_round_trips_as_System_Text_Json_does() =>
        PayloadGenerators.Tree.Sample(value =>
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeTreeNode(value));
            SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeTreeNode(Reference(value)));
        }, iter: 500);

    [Fact]
    public void The_email_payload_round_trips_as_System_Text_Json_does() =>
        PayloadGenerators.Email.Sample(value =>
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeEmailArgs(value));
            SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeEmailArgs(Reference(value)));
        }, iter: Iterations);

    [Fact]
    public void Members_left_to_the_serializer_context_round_trip_as_System_Text_Json_does() =>
        PayloadGenerators.Links.Sample(value =>
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeLinks(value));
            SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeLinks(Reference(value)));
        }, iter: Iterations);

    [Fact]
    public void A_context_member_of_the_wrong_type_names_the_property() =>
        Assert.Contains("'$.home' could not be read",
            Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeLinks("""{"title":"t","home":5,"keywords":[],"mirror":null}"""u8)).Message,
            StringComparison.Ordinal);

    [Fact]
    public void String_enums_round_trip_as_JsonStringEnumConverter_writes_them() =>
        PayloadGenerators.Feelings.Sample(value =>
        {
            SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeFeelings(value));
            SameValue(value, JobsEndToEndTestsJobPayloads.DeserializeFeelings(Reference(value)));
        }, iter: Iterations);

    [Theory]
    [InlineData("""{"mood":"happy","maybe_mood":"so-so","history":[1,"GRUMPY"," Sad","2"]}""")]
    [InlineData("""{"mood":10,"maybe_mood":null,"history":[]}""")]
    public void String_enums_read_names_in_any_case_and_numbers_as_System_Text_Json_does(string json)
    {
        var expected = JsonSerializer.Deserialize<Feelings>(json, SnakeCase)!;

        SameValue(expected, JobsEndToEndTestsJobPayloads.DeserializeFeelings(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("Elated")]
    [InlineData("SO-SO")]
    [InlineData("Meh")]
    public void An_enum_name_System_Text_Json_refuses_is_refused_naming_the_property(string name)
    {
        var json = System.Text.Encoding.UTF8.GetBytes($$"""{"mood":"{{name}}","maybe_mood":null,"history":[]}""");

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Feelings>(json, SnakeCase));
        Assert.Equal("The payload's property '$.mood' must be one of Happy, Sad, so-so, Grumpy; its value is out of range or malformed.",
            Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeFeelings(json)).Message);
    }

    [Fact]
    public void A_constructor_parameter_with_a_default_takes_it_when_missing()
    {
        var actual = JobsEndToEndTestsJobPayloads.DeserializeUserRenamed("""{"event_id":"7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61","new_name":"x"}"""u8);

        Assert.Equal(1, actual.Revision);
        Assert.Equal(default, actual.OccurredAt);
    }
}
