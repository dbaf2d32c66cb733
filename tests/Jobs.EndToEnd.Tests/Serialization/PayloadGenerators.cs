using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>CsCheck generators of random payloads, including the values that need escaping or care.</summary>
public static class PayloadGenerators
{
    /// <summary>Strings of any UTF-16 text that is valid Unicode: markup, quotes, control characters, accents, emoji.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char.Where(c => !char.IsSurrogate(c)).Select(c => c.ToString()),
            Gen.OneOf(Gen.Const("<"), Gen.Const("&"), Gen.Const("'"), Gen.Const("\""), Gen.Const("\\"), Gen.Const("\n"), Gen.Const("\u0001"), Gen.Const("é"), Gen.Const("😀"), Gen.Const("\u2028"), Gen.Const("+")),
            Gen.Char['a', 'z'].Select(c => c.ToString()))
        .Array[0, 12]
        .Select(parts => string.Concat(parts));

    public static readonly Gen<char> Letter = Gen.Char.Where(c => !char.IsSurrogate(c));

    public static readonly Gen<float> Float = Gen.Float.Where(float.IsFinite);

    public static readonly Gen<double> Double = Gen.Double.Where(double.IsFinite);

    public static readonly Gen<Int128> Huge = Gen.Select(Gen.ULong, Gen.ULong, (upper, lower) => new Int128(upper, lower));

    public static readonly Gen<UInt128> UHuge = Gen.Select(Gen.ULong, Gen.ULong, (upper, lower) => new UInt128(upper, lower));

    public static readonly Gen<Address> Address = Gen.Select(Text, Text, Text.Null(), (street, city, zip) => new Address(street, city, zip));

    public static readonly Gen<Primitives> Primitives = Gen.Select(
            Gen.Select(Gen.Bool, Gen.Byte, Gen.SByte, Gen.Short, Gen.UShort, Gen.Int, Gen.UInt, Gen.Long),
            Gen.Select(Gen.ULong, Float, Double, Gen.Decimal, Text, Text.Null(), Letter, Gen.Enum<Color>()),
            Gen.Select(Gen.Enum<Payloads.Size>(), Gen.Guid, Gen.DateTime, Gen.DateTimeOffset, Gen.DateOnly, Gen.TimeOnly, Gen.TimeSpan),
            Gen.Select(Gen.Int.Nullable(), Gen.Guid.Nullable(), Gen.Enum<Color>().Nullable(), Gen.DateTimeOffset.Nullable(), Double.Nullable(), Huge, UHuge.Nullable()))
        .Select((a, b, c, d) => new Primitives(
            a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8,
            b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8,
            c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, c.Item6, c.Item7,
            d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, d.Item6, d.Item7));

    public static readonly Gen<Collections> Collections = Gen.Select(
            Gen.Select(Gen.Int.Array[0, 6], Text.List[0, 6], Address.Array[0, 3], Double.Array[0, 4], Gen.Dictionary(Text, Gen.Int)[0, 4]),
            Gen.Select(Gen.Dictionary(Text, Address.Null())[0, 3], Address, Address.Null(), Gen.Int.Nullable().List[0, 5]),
            Gen.Select(Text.Null().Array[0, 4].Null(), Gen.Byte.Array[0, 16], Text.List[0, 3].List[0, 3]))
        .Select((a, b, c) => new Collections(
            a.Item1, a.Item2, a.Item3, a.Item4, a.Item5,
            b.Item1, b.Item2, b.Item3, b.Item4,
            c.Item1, c.Item2, c.Item3));

    public static readonly Gen<Settings> Settings = Gen.Select(
            Gen.Select(Text, Gen.Int, Text, Gen.Int, Text, Text.Null()),
            Gen.Select(Gen.Long, Text.List[0, 3], Text.Null()))
        .Select((a, b) => new Settings
        {
            Name = a.Item1,
            Retries = a.Item2,
            Owner = a.Item3,
            TimeToLive = a.Item4,
            Secret = a.Item5,
            Note = a.Item6,
            Version = b.Item1,
            Labels = b.Item2,
            Fancy = b.Item3,
        });

    public static readonly Gen<UserRenamed> UserRenamed = Gen.Select(Gen.Guid, Text, Gen.Int, Gen.DateTimeOffset,
        (id, name, revision, at) => new UserRenamed(id, name, revision) { OccurredAt = at });

    public static readonly Gen<Point> Point = Gen.Select(Gen.Int, Gen.Int, (x, y) => new Point(x, y));

    public static readonly Gen<TreeNode> Tree = Gen.Recursive<TreeNode>((depth, tree) =>
        depth >= 3
            ? Gen.Select(Text, Point, (label, position) => new TreeNode(label, [], position))
            : Gen.Select(Text, tree.List[0, 3], Point, (label, children, position) => new TreeNode(label, children, position)));

    public static readonly Gen<Uri> Link = Gen.Select(Gen.Char['a', 'z'].Array[1, 8], Gen.Int[0, 9999], (host, page) => new Uri($"https://{new string(host)}.example/{page}?q={page}"));

    public static readonly Gen<Links> Links = Gen.Select(Text, Link, Text.HashSet[0, 4], Link.Null(), (title, home, keywords, mirror) => new Links(title, home, keywords, mirror));

    /// <summary>Defined members and undefined values, which System.Text.Json writes as numbers.</summary>
    public static readonly Gen<Mood> Mood = Gen.Int[-2, 12].Select(i => (Mood)i);

    public static readonly Gen<Feelings> Feelings = Gen.Select(Mood, Mood.Nullable(), Mood.List[0, 5], (mood, maybe, history) => new Feelings(mood, maybe, history));

    public static readonly Gen<EmailArgs> Email = Gen.Select(
            Gen.Select(Text, Text, Text, Gen.Guid, Gen.DateTimeOffset),
            Gen.Select(Text.List[0, 4], Address, Gen.Int.Nullable()))
        .Select((a, b) => new EmailArgs(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3));
}
