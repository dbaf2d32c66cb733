using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// Issue 10: non-public and init members of generic types (class and struct, nested generic
/// arguments, a generic type nested in a generic type, a generic base, a private generic
/// [JsonConstructor]) against System.Text.Json's reflection with snake_case, both directions. Before,
/// accessors naming the closed type threw MissingMethodException at run time.
/// </summary>
public sealed class GenericEquivalenceTests
{
    private const int Iterations = 1_000;

    private static Gen<GenericBox<T>> Box<T>(Gen<T> item) =>
        Gen.Select(item, item, item, item.List[0, 3].Null(), GenericBox<T>.Create);

    private static readonly Gen<FieldsStruct> Struct =
        Gen.Select(Gen.Int, Gen.Int, Gen.String.Null(), Gen.Int, (x, y, label, z) => new FieldsStruct(x, y, label, z));

    public static readonly Gen<GenericArgs> Args =
        from intBox in Box(Gen.Int)
        from stringBox in Box(Gen.String.Null())
        from nested in Box(Box(Gen.Long))
        from pair in Gen.Select(Gen.String, Gen.Int.List[0, 3], (key, value) => new GenericPair<string, List<int>>(key, value))
        from maybePair in Gen.Select(Gen.Int, Gen.Int, Gen.String, (a, b, c) => new GenericPair<int, GenericPair<int, string>>(a, new GenericPair<int, string>(b, c))).Nullable()
        from made in Gen.Select(Gen.String, Gen.Int, GenericMade<string>.Of)
        from inner in Gen.Select(Gen.Int, Gen.String, GenericOuter<int>.Inner<string>.Create)
        from baseValue in Gen.String
        from own in Gen.Int
        from withStruct in Box(Struct)
        select new GenericArgs(intBox, stringBox, nested, pair, maybePair, made, inner, Derived(baseValue, own), withStruct);

    [Fact]
    public void Generic_types_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        Args.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeGenericArgs(value)), iter: Iterations);

    [Fact]
    public void Generic_types_read_from_System_Text_Json_output_are_equal() =>
        Args.Sample(value =>
        {
            var json = Reference(value);
            var expected = JsonSerializer.Deserialize<GenericArgs>(json, SnakeCase)!;
            var actual = JobsEndToEndTestsJobPayloads.DeserializeGenericArgs(json);
            SameValue(expected, actual);
            Assert.Equal(expected.IntBox.Hidden(), actual.IntBox.Hidden());
            Assert.Equal(expected.Nested.Hidden().Hidden(), actual.Nested.Hidden().Hidden());
            Assert.Equal(expected.Pair.Value(), actual.Pair.Value());
            Assert.Equal(expected.MaybePair?.Value().Value(), actual.MaybePair?.Value().Value());
            Assert.Equal(expected.Inner.Second(), actual.Inner.Second());
            Assert.Equal(expected.WithStruct.Hidden().Y(), actual.WithStruct.Hidden().Y());
        }, iter: Iterations);

    [Fact]
    public void A_missing_init_member_of_a_generic_type_keeps_its_initializer()
    {
        var json = """
            {"int_box":{},"string_box":{"value":"v","init":"i","_hidden":"h"},"nested":{},"pair":{"key":"k"},"maybe_pair":null,
             "made":{"item":"m","count":2},"inner":{"first":1,"_second":"s"},"derived":{"base_value":"b","own":3},"with_struct":{}}
            """u8.ToArray();

        var expected = JsonSerializer.Deserialize<GenericArgs>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeGenericArgs(json);

        SameValue(expected, actual);
        Assert.Equal(("v", "i", "h"), (actual.StringBox.Value, actual.StringBox.Init, actual.StringBox.Hidden()));
        Assert.Equal(("k", (List<int>?)null), (actual.Pair.Key, actual.Pair.Value()));
        Assert.Equal(("m", 2), (actual.Made.Item, actual.Made.Count));
        Assert.Equal((1, "s"), (actual.Inner.First, actual.Inner.Second()));
        Assert.Equal(("b", 3), (actual.Derived.BaseValue, actual.Derived.Own));
    }

    private static GenericDerived Derived(string baseValue, int own)
    {
        var derived = new GenericDerived { Own = own };
        derived.SetBaseValue(baseValue);
        return derived;
    }
}
