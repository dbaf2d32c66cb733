using System.Collections.Immutable;
using CsCheck;
using Jobs;

namespace Jobs.Generators.FuzzTests.TypeSpace;

/// <summary>
/// CsCheck generators of whole payload declarations. Types only reference types of a higher index
/// (so nothing is infinitely nested), and <see cref="Normalize"/> turns any combination into one
/// that compiles. Cases that hit a <see cref="KnownGaps">known gap</see> are not generated.
/// </summary>
public static class PayloadGen
{
    private static readonly string[] MemberNames =
    [
        "Id", "Name", "Count", "Tags", "Items", "Amount", "When", "IsOn", "Value", "Child", "URLPath", "HTTPCode2",
        "X", "a", "Snake_Case", "@class", "@event", "@string", "@default", "@int", "Camel", "XMLHttpRequest",
    ];

    private static readonly string[] JsonNames = ["id", "Custom Name", "é-ü", "a\"b", "x", "value", "", "snake_case"];

    private static readonly string[] Builtins =
    [
        "bool", "int", "long", "short", "byte", "sbyte", "ushort", "uint", "ulong", "double", "float", "decimal",
        "string", "char", "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "byte[]",
        "Int128", "UInt128",
    ];

    // Outside the generator's own shapes: with no JsonSerializerContext these must be diagnosed.
    private static readonly string[] Unsupported = ["Half", "Uri", "object", "System.Text.Json.JsonElement"];

    private static readonly string[] Collections = ["List", "IReadOnlyList", "IList", "ICollection", "IEnumerable", "IReadOnlyCollection"];

    private static readonly string[] Dictionaries = ["Dictionary", "IDictionary", "IReadOnlyDictionary"];

    private static readonly string?[] IgnoreConditions = ["", "Always", "Never", "WhenWritingNull", "WhenWritingDefault", "WhenWriting", "WhenReading"];

    /// <summary>A random case with id <paramref name="id"/> under <paramref name="policy"/>, never a known gap.</summary>
    public static Gen<PayloadCase> Case(int id, JobsNamingPolicy policy) =>
        AnyCase(id, policy).Where(c => KnownGaps.Matching(c) is null);

    /// <summary>A random case, known gaps included.</summary>
    public static Gen<PayloadCase> AnyCase(int id, JobsNamingPolicy policy) =>
        from typeCount in Gen.Int[1, 3]
        from enums in Enum.Array[0, 2]
        from types in Gen.Int[0, typeCount - 1].SelectMany(i => Type(i, typeCount, enums.Length)).Array[typeCount]
        from seed in Gen.Int
        select Normalize(new PayloadCase(id, policy, [.. FixIndices(types)], [.. enums], seed));

    /// <summary>The naming policies, the default most often.</summary>
    public static Gen<JobsNamingPolicy> Policy { get; } = Gen.Frequency(
        (6, Gen.Const(JobsNamingPolicy.SnakeCaseLower)),
        (1, Gen.Const(JobsNamingPolicy.CamelCase)),
        (1, Gen.Const(JobsNamingPolicy.AsDeclared)),
        (1, Gen.Const(JobsNamingPolicy.KebabCaseUpper)),
        (1, Gen.Const(JobsNamingPolicy.SnakeCaseUpper)),
        (1, Gen.Const(JobsNamingPolicy.KebabCaseLower)));

    private static Gen<EnumDecl> Enum { get; } =
        from asString in Gen.Bool
        from flags in Gen.Int[0, 5].Select(i => i == 0)
        from values in Gen.Long[-3, 40].Array[0, 4]
        select new EnumDecl(asString, flags, [.. values.Distinct()]);

    // Each type's own index is only known after the array is built: members point at "a later
    // type" by an offset, which FixIndices resolves.
    private static IEnumerable<TypeDecl> FixIndices(TypeDecl[] types) =>
        types.Select((t, i) => t with
        {
            Base = t.Base is { } b && i + 1 + b < types.Length ? i + 1 + b : null,
            Members = [.. t.Members.Select(m => m with { Type = Resolve(m.Type, i, types.Length) })],
        });

    private static TypeRef Resolve(TypeRef type, int self, int count) => type switch
    {
        TypeRef.Named n => self + 1 + n.Index < count ? new TypeRef.Named(self + 1 + n.Index) : new TypeRef.Builtin("int"),
        TypeRef.Nullable n => Resolve(n.Of, self, count) is var of && of is TypeRef.Nullable ? of : new TypeRef.Nullable(Resolve(n.Of, self, count)),
        TypeRef.Array a => new TypeRef.Array(Resolve(a.Of, self, count)),
        TypeRef.Collection c => c with { Of = Resolve(c.Of, self, count) },
        TypeRef.Dictionary d => d with { Of = Resolve(d.Of, self, count) },
        _ => type,
    };

    private static Gen<TypeDecl> Type(int index, int count, int enumCount) =>
        from kind in Gen.Enum<TypeKind>()
        from positional in Gen.Bool
        from jsonConstructor in Gen.Bool
        from baseOffset in Gen.Int[0, 5].Select(i => i < 2 ? (int?)i : null)
        from members in Member(enumCount).Array[0, 5]
        select new TypeDecl(kind, positional, jsonConstructor, baseOffset, [.. members]);

    private static Gen<MemberDecl> Member(int enumCount) =>
        from name in Gen.OneOf(MemberNames)
        from type in TypeRefGen(enumCount, 2)
        from form in Gen.Frequency((4, Gen.Const(MemberForm.GetSet)), (2, Gen.Const(MemberForm.GetInit)), (1, Gen.Const(MemberForm.GetPrivateSet)), (1, Gen.Const(MemberForm.GetOnly)), (1, Gen.Const(MemberForm.Field)))
        from access in Gen.Frequency((8, Gen.Const(Access.Public)), (1, Gen.Const(Access.Internal)), (1, Gen.Const(Access.Private)))
        from inConstructor in Gen.Int[0, 3].Select(i => i == 0)
        from hasDefault in Gen.Int[0, 3].Select(i => i == 0)
        from required in Gen.Int[0, 4].Select(i => i == 0)
        from jsonName in Gen.Int[0, 4].SelectMany(i => i == 0 ? Gen.OneOf<string?>(JsonNames) : Gen.Const((string?)null))
        from ignore in Gen.Int[0, 5].SelectMany(i => i == 0 ? Gen.OneOf(IgnoreConditions) : Gen.Const((string?)null))
        from include in Gen.Int[0, 3].Select(i => i == 0)
        from order in Gen.Int[0, 4].SelectMany(i => i == 0 ? Gen.Int[-2, 2].Select(o => (int?)o) : Gen.Const((int?)null))
        from hides in Gen.Int[0, 2].Select(i => i == 0)
        select new MemberDecl(name, type, form, access, inConstructor, hasDefault, required, jsonName, ignore, include, order, hides);

    private static Gen<TypeRef> TypeRefGen(int enumCount, int depth)
    {
        var leaf = Gen.Frequency(
            (12, Gen.OneOf(Builtins).Select(n => (TypeRef)new TypeRef.Builtin(n))),
            (1, Gen.OneOf(Unsupported).Select(n => (TypeRef)new TypeRef.Builtin(n))),
            (enumCount == 0 ? 0 : 3, Gen.Int[0, Math.Max(0, enumCount - 1)].Select(i => (TypeRef)new TypeRef.Enum(i))),
            (4, Gen.Int[0, 1].Select(i => (TypeRef)new TypeRef.Named(i))));
        if (depth == 0)
        {
            return leaf;
        }
        var inner = TypeRefGen(enumCount, depth - 1);
        return Gen.Frequency(
            (10, leaf),
            (3, inner.Select(t => (TypeRef)new TypeRef.Nullable(t))),
            (1, inner.Select(t => (TypeRef)new TypeRef.Array(t))),
            (2, Gen.Select(Gen.OneOf(Collections), inner, (c, t) => (TypeRef)new TypeRef.Collection(c, t))),
            (1, Gen.Select(Gen.OneOf(Dictionaries), inner, (c, t) => (TypeRef)new TypeRef.Dictionary(c, t))));
    }

    /// <summary>Makes any generated combination compile: unique names, legal modifiers, trailing defaults.</summary>
    public static PayloadCase Normalize(PayloadCase c)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var types = c.Types.ToArray();
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            var isStruct = t.Kind is TypeKind.Struct or TypeKind.RecordStruct;
            var positional = t.Positional && t.Kind is TypeKind.Record or TypeKind.RecordStruct;
            var members = new List<MemberDecl>();
            var defaulted = false;
            foreach (var original in t.Members)
            {
                var m = original with { Hides = original.Hides && !original.InConstructor && t.Base is not null };
                if (!m.Hides)
                {
                    var bare = m.Name.TrimStart('@');
                    var candidate = bare;
                    for (var n = 2; !used.Add(candidate); n++)
                    {
                        candidate = bare + n;
                    }
                    m = m with { Name = candidate == bare ? m.Name : candidate };
                }
                if (m.Type is TypeRef.Nullable { Of: TypeRef.Nullable inner })
                {
                    m = m with { Type = new TypeRef.Nullable(inner.Of) };
                }
                if (positional && m.InConstructor)
                {
                    m = m with { Access = Access.Public, Form = MemberForm.GetInit, Required = false };
                }
                if (m.Access != Access.Public && m.Form == MemberForm.GetPrivateSet)
                {
                    m = m with { Form = MemberForm.GetSet };
                }
                if (m.Required && (m.InConstructor || m.Access != Access.Public || m.Form is MemberForm.GetOnly or MemberForm.GetPrivateSet))
                {
                    m = m with { Required = false };
                }
                if (m.InConstructor)
                {
                    defaulted |= m.HasDefault;
                    m = m with { HasDefault = defaulted };
                }
                else if (isStruct && !positional)
                {
                    // A struct with member initializers needs a declared constructor (CS8983).
                    m = m with { HasDefault = false };
                }
                members.Add(m);
            }
            var hasConstructorParameters = members.Any(m => m.InConstructor);
            int? @base = t.Base is { } b
                && !isStruct
                && types[b].Kind == t.Kind
                && !types[b].Members.Any(m => m.InConstructor)
                && !(isStruct && hasConstructorParameters)
                    ? b
                    : null;
            types[i] = t with { Base = @base, Members = [.. members] };
        }
        // Bases are normalized after their derived types (higher index): re-check the base rule.
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i].Base is { } b && types[b].Members.Any(m => m.InConstructor))
            {
                types[i] = types[i] with { Base = null };
            }
        }
        // A hiding member takes the name of a member of its bases (new, of any form, type and
        // attributes); with none left to hide, a name of its own.
        // Bases first (a base has a higher index): their hiding members have their final names.
        for (var i = types.Length - 1; i >= 0; i--)
        {
            if (!types[i].Members.Any(m => m.Hides))
            {
                continue;
            }
            var inherited = new List<string>();
            for (var b = types[i].Base; b is { } at; b = types[at].Base)
            {
                // A required member cannot be hidden (CS9031).
                inherited.AddRange(types[at].Members.Where(m => !m.Required).Select(m => m.Name).Where(n => !inherited.Contains(n, StringComparer.OrdinalIgnoreCase)));
            }
            var taken = new HashSet<string>(types[i].Members.Where(m => !m.Hides).Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
            var members = types[i].Members.ToArray();
            for (var j = 0; j < members.Length; j++)
            {
                if (!members[j].Hides)
                {
                    continue;
                }
                var own = members[j].Name;
                var same = inherited.FirstOrDefault(n => string.Equals(n, own, StringComparison.OrdinalIgnoreCase));
                var hidden = same is not null && taken.Add(same) ? same : inherited.FirstOrDefault(taken.Add);
                if (hidden is null)
                {
                    var bare = own.TrimStart('@');
                    var candidate = bare;
                    for (var n = 2; !used.Add(candidate); n++)
                    {
                        candidate = bare + n;
                    }
                    members[j] = members[j] with { Name = candidate == bare ? own : candidate, Hides = false };
                }
                else
                {
                    members[j] = members[j] with { Name = hidden };
                }
            }
            types[i] = types[i] with { Members = [.. members] };
        }
        return c with { Types = [.. types] };
    }
}
