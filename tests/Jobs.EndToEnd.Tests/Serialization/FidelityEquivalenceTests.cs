using System.Text;
using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// Issue 10: non-public members under [JsonInclude], a private [JsonConstructor], generic and
/// struct declaring types, and a context-served set of records, against System.Text.Json with
/// snake_case (reflection: its source generator throws InvalidOperationException for an
/// inaccessible [JsonInclude] member, so reflection is the behaviour to match).
/// </summary>
public sealed class FidelityEquivalenceTests
{
    private const int Iterations = 1_000;

    public static readonly Gen<FidelityArgs> Args =
        from secret in Gen.String
        from counter in Gen.Int
        from stamp in Gen.String
        from hidden in Gen.String
        from blind in Gen.String
        from @internal in Gen.Long
        from plain in Gen.String
        from x in Gen.Int
        from y in Gen.Int
        from name in Gen.String
        from size in Gen.Int
        from lines in Gen.Select(Gen.String[0, 8], Gen.Int, Gen.Decimal, (sku, qty, price) => new FidelityLine(sku, qty, price)).List[0, 4]
        select new FidelityArgs(
            FidelityHidden.Create(secret, counter, stamp, hidden, blind, @internal, plain),
            new FidelityStruct(x, y),
            FidelityMade.Of(name, size),
            [.. lines]);

    [Fact]
    public void Non_public_members_are_written_byte_for_byte_as_System_Text_Json_writes_them() =>
        Args.Sample(value => SameBytes(value, JobsEndToEndTestsJobPayloads.SerializeFidelityArgs(value)), iter: Iterations);

    [Fact]
    public void Non_public_members_read_from_System_Text_Json_output_are_equal() =>
        // Compared with System.Text.Json's own reading: Plain (a private setter without [JsonInclude]) is read by neither.
        Args.Sample(value => SameValue(JsonSerializer.Deserialize<FidelityArgs>(Reference(value), SnakeCase)!, JobsEndToEndTestsJobPayloads.DeserializeFidelityArgs(Reference(value))), iter: Iterations);

    [Fact]
    public void A_private_setter_under_JsonInclude_is_read_back_the_reported_loss()
    {
        var json = """{"hidden":{"secret":"s3cret","counter":4,"stamp":"st","hidden":"h","blind":"b","internal":9,"plain":"p"},"point":{"x":1,"y":2},"made":{"name":"n","size":5},"lines":[{"sku":"a","qty":2,"price":1.5}]}"""u8.ToArray();

        var expected = JsonSerializer.Deserialize<FidelityArgs>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeFidelityArgs(json);

        SameValue(expected, actual);
        Assert.Equal(("s3cret", 4, "st", "h", "b", 9L), (actual.Hidden.Secret, actual.Hidden.Counter, actual.Hidden.Stamp, actual.Hidden.HiddenValue(), actual.Hidden.BlindValue(), actual.Hidden.Internal));
        // Not [JsonInclude]: System.Text.Json does not read a private setter.
        Assert.Equal("", actual.Hidden.Plain);
        Assert.Equal((1, 2, "n", 5), (actual.Point.X, actual.Point.Y, actual.Made.Name, actual.Made.Size));
        Assert.Equal([new FidelityLine("a", 2, 1.5m)], actual.Lines);
    }

    [Fact]
    public void A_missing_private_init_member_keeps_its_initializer_as_System_Text_Json_does()
    {
        var json = """{"hidden":{},"point":{},"made":{"name":"n","size":5},"lines":[]}"""u8.ToArray();

        var expected = JsonSerializer.Deserialize<FidelityArgs>(json, SnakeCase)!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeFidelityArgs(json);

        SameValue(expected, actual);
        Assert.Equal("default", actual.Hidden.Stamp);
    }

    [Fact]
    public void The_context_served_set_uses_the_assembly_naming()
    {
        var value = new FidelityArgs(FidelityHidden.Create("", 0, "", "", "", 0, ""), default, FidelityMade.Of("", 0), [new FidelityLine("k", 1, 2m)]);

        var json = Encoding.UTF8.GetString(JobsEndToEndTestsJobPayloads.SerializeFidelityArgs(value).Span);

        Assert.Contains("""{"sku":"k","qty":1,"price":2}""", json, StringComparison.Ordinal);
    }
}
