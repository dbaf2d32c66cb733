using System.Text;
using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// Derived members hiding base members of their C# name, against System.Text.Json with snake_case
/// (reflection; its source generator resolves these the same way): a [JsonIgnore]d or non-public
/// (no [JsonInclude]) derived member leaves the base member written and read, in its place.
/// </summary>
public sealed class HidingFidelityEquivalenceTests
{
    private const int Iterations = 1_000;

    public static readonly Gen<HidingArgs> Args =
        from n in Gen.Int.Array[16]
        from a in Gen.String.Null()
        from b in Gen.String.Null()
        from c in Gen.String.Null()
        from d in Gen.String.Null()
        select HidingArgs.Create(n, a, b, c, d);

    [Fact]
    public void Hidden_members_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        Args.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeHidingArgs(value)), iter: Iterations);

    [Fact]
    public void Hidden_members_read_from_System_Text_Json_output_are_equal() =>
        Args.Sample(value => SameValue(JsonSerializer.Deserialize<HidingArgs>(Reference(value), SnakeCase)!, JobsEndToEndTestsJobPayloads.DeserializeHidingArgs(Reference(value))), iter: Iterations);

    [Fact]
    public void The_base_member_takes_the_place_of_an_ignored_or_non_public_derived_one()
    {
        // [JsonIgnore]d derived members keep their place for the base member (ignored, hidden_virtual,
        // field_ignored); a non-public one takes none (non_public comes with the base's members);
        // an overridden one under [JsonIgnore] is not written at all.
        var value = HidingArgs.Create([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], "a", "b", "c", "d");
        const string Expected = """{"ignored":10,"after":2,"when_default":3,"when_reading":4,"hidden_virtual":13,"included":7,"field":8,"field_ignored":"d","non_public":"b"}""";

        Assert.Equal(Expected, Encoding.UTF8.GetString(Reference(value)));
        Assert.Equal(Expected, Encoding.UTF8.GetString(JobsEndToEndTestsJobPayloads.SerializeHidingArgs(value).Span));
    }

    [Fact]
    public void Reading_sets_the_member_System_Text_Json_sets()
    {
        var json = """{"ignored":1,"after":2,"non_public":"n","when_default":3,"when_reading":4,"overridden":5,"hidden_virtual":6,"included":7,"field":8,"field_ignored":"f"}"""u8.ToArray();

        var expected = JsonSerializer.Deserialize<HidingArgs>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeHidingArgs(json);

        SameValue(expected, actual);
        HidingBase @base = actual;
        Assert.Equal((0, 1, 2, (string?)null, "n"), (actual.Ignored, @base.Ignored, actual.After, actual.NonPublicValue(), @base.NonPublic));
        Assert.Equal((3, 0, 0, 0, 0, 0), (actual.WhenDefault, @base.WhenDefault, actual.WhenReading, @base.WhenReading, actual.Overridden, @base.Overridden));
        Assert.Equal((0, 6, 7, 0, 8, 0), (actual.HiddenVirtual, @base.HiddenVirtual, actual.Included, @base.Included, actual.Field, @base.Field));
        Assert.Equal(((string?)null, "f"), (actual.FieldIgnored, @base.FieldIgnored));
    }
}
