using System.Text;
using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// Issue 10: [JsonInclude] fields of every accessibility, readonly fields, fields of structs and of a
/// base class, required fields and a set-only property, against System.Text.Json's reflection with
/// snake_case, both directions.
/// </summary>
public sealed class FieldsEquivalenceTests
{
    private const int Iterations = 1_000;

    private static readonly Gen<FieldsClass> Class =
        from @public in Gen.Int
        from @private in Gen.String
        from @protected in Gen.Long
        from @internal in Gen.Double.Where(double.IsFinite)
        from protectedInternal in Gen.Guid
        from readOnlyPublic in Gen.String
        from readOnlyPrivate in Gen.Int
        from notIncluded in Gen.Int
        from name in Gen.String
        from flag in Gen.Bool
        from maybe in Gen.Int.Nullable()
        from tags in Gen.String.List[0, 3].Null()
        from @event in Gen.String
        select FieldsClass.Create(@public, @private, @protected, @internal, protectedInternal, readOnlyPublic, readOnlyPrivate, notIncluded, name, flag, maybe, tags, @event);

    private static readonly Gen<FieldsDerived> Derived =
        from baseField in Gen.Int
        from baseProperty in Gen.Int
        from baseHidden in Gen.Int
        from derivedField in Gen.Int
        from derivedProperty in Gen.Int
        select Make(baseField, baseProperty, baseHidden, derivedField, derivedProperty);

    public static readonly Gen<FieldsArgs> Args =
        from @class in Class
        from @struct in Gen.Select(Gen.Int, Gen.Int, Gen.String.Null(), Gen.Int, (x, y, label, z) => new FieldsStruct(x, y, label, z))
        from derived in Derived
        from included in Gen.Int
        from notSerialized in Gen.String
        from property in Gen.Int
        from skipped in Gen.Int
        from kept in Gen.Int
        select new FieldsArgs(
            @class,
            @struct,
            derived,
            new FieldsRequired { Included = included, NotSerialized = notSerialized, Property = property },
            new FieldsRequiredStruct { Skipped = skipped, Kept = kept },
            new FieldsSetOnly { Value = property });

    [Fact]
    public void Fields_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        Args.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeFieldsArgs(value)), iter: Iterations);

    [Fact]
    public void Fields_read_from_System_Text_Json_output_are_equal() =>
        Args.Sample(value =>
        {
            var json = Reference(value);
            var expected = JsonSerializer.Deserialize<FieldsArgs>(json, SnakeCase)!;
            var actual = JobsEndToEndTestsJobPayloads.DeserializeFieldsArgs(json);
            SameValue(expected, actual);
            // What the bytes do not show: members neither writes, and which fields were read.
            Assert.Equal(expected.Class.Hidden(), actual.Class.Hidden());
            Assert.Equal(expected.Class.NotIncluded, actual.Class.NotIncluded);
            Assert.Equal(expected.Struct.Y(), actual.Struct.Y());
            Assert.Equal(expected.Derived.BaseHidden(), actual.Derived.BaseHidden());
            Assert.Equal(expected.Required.NotSerialized, actual.Required.NotSerialized);
            Assert.Equal(expected.RequiredStruct.Skipped, actual.RequiredStruct.Skipped);
            Assert.Equal(expected.SetOnly.Seen(), actual.SetOnly.Seen());
        }, iter: Iterations);

    [Fact]
    public void Fields_follow_the_properties_of_their_type_and_a_base_type_follows_the_derived_one()
    {
        var value = Make(1, 2, 3, 4, 5);

        var json = Encoding.UTF8.GetString(JobsEndToEndTestsJobPayloads.SerializeFieldsArgs(Sample() with { Derived = value }).Span);

        Assert.Contains("""
            "derived":{"derived_property":5,"derived_field":4,"base_property":2,"base_field":1,"_base_hidden":3}
            """.Trim(), json, StringComparison.Ordinal);
        Assert.Contains("""{"name":"n","public":1,"_private":"p",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_readonly_field_is_written_and_never_read_as_System_Text_Json_does()
    {
        var json = """
            {"class":{"read_only_public":"from json","_read_only_private":99,"_private":"p","protected":7,"renamed":true,"not_included":5},
             "struct":{"x":1,"_y":2,"label":"from json","z":3},"derived":{},"required":{"included":4,"not_serialized":"from json"},
             "required_struct":{"skipped":6,"kept":8},"set_only":{"value":9}}
            """u8.ToArray();

        var expected = JsonSerializer.Deserialize<FieldsArgs>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeFieldsArgs(json);

        SameValue(expected, actual);
        Assert.Equal(("ro", 7), (actual.Class.ReadOnlyPublic, actual.Class.Hidden().ReadOnlyPrivate));
        Assert.Equal(("p", 7L, true), (actual.Class.Hidden().Private, actual.Class.Hidden().Protected, actual.Class.Hidden().Flag));
        Assert.Equal(0, actual.Class.NotIncluded);
        Assert.Equal((1, 2, null, 3), (actual.Struct.X, actual.Struct.Y(), actual.Struct.Label, actual.Struct.Z));
        Assert.Equal((4, "kept"), (actual.Required.Included, actual.Required.NotSerialized));
        Assert.Equal((0, 8), (actual.RequiredStruct.Skipped, actual.RequiredStruct.Kept));
        Assert.Equal(9, actual.SetOnly.Seen());
    }

    [Fact]
    public void A_public_property_with_only_a_setter_is_read_and_never_written()
    {
        var value = Sample() with { SetOnly = new FieldsSetOnly { Value = 42 } };

        var json = Encoding.UTF8.GetString(JobsEndToEndTestsJobPayloads.SerializeFieldsArgs(value).Span);
        var input = json[..^"{}}".Length] + """{"value":17}}""";
        var read = JobsEndToEndTestsJobPayloads.DeserializeFieldsArgs(Encoding.UTF8.GetBytes(input));

        Assert.EndsWith("""
            "set_only":{}}
            """.Trim(), json, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(Reference(value)), json);
        Assert.Equal(17, read.SetOnly.Seen());
        Assert.Equal(17, JsonSerializer.Deserialize<FieldsArgs>(input, SnakeCase)!.SetOnly.Seen());
    }

    [Fact]
    public void A_missing_required_field_under_JsonInclude_fails_with_its_path()
    {
        var exception = Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeFieldsArgs("""{"required":{}}"""u8));

        Assert.Contains("$.required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("included", exception.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FieldsArgs>("""{"required":{}}""", SnakeCase));
    }

    private static FieldsArgs Sample() => new(
        FieldsClass.Create(1, "p", 2, 3.5, Guid.Empty, "ro", 7, 0, "n", false, null, null, "e"),
        new FieldsStruct(1, 2, "l", 3),
        Make(0, 0, 0, 0, 0),
        new FieldsRequired { Included = 1, NotSerialized = "x" },
        new FieldsRequiredStruct { Skipped = 1, Kept = 2 },
        new FieldsSetOnly());

    private static FieldsDerived Make(int baseField, int baseProperty, int baseHidden, int derivedField, int derivedProperty)
    {
        var derived = new FieldsDerived { BaseField = baseField, BaseProperty = baseProperty, DerivedField = derivedField, DerivedProperty = derivedProperty };
        derived.SetBaseHidden(baseHidden);
        return derived;
    }
}
