using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Jobs.Generators.FuzzTests.TypeSpace;

namespace Jobs.Generators.FuzzTests.Infrastructure;

/// <summary>
/// Shrinks one failing case greedily on its model (drop a member, a type, an attribute; simplify a
/// type; make it a plain class) while it still fails the same way. All candidates of a round are
/// checked in one compilation.
/// </summary>
public static partial class Shrinker
{
    /// <summary>The smallest case found that still fails like <paramref name="failing"/>, with its failure.</summary>
    public static (PayloadCase Case, string Failure) Shrink(PayloadCase failing, string failure, int valuesPerCase, TimeSpan budget)
    {
        var kind = Kind(failure);
        var current = failing with { Id = 0 };
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < budget)
        {
            var candidates = Candidates(current).Select(PayloadGen.Normalize).Distinct().Select((c, i) => c with { Id = i }).Take(120).ToList();
            if (candidates.Count == 0)
            {
                break;
            }
            var outcomes = FuzzHarness.Run(current.Policy, [.. candidates.Select(c => new CaseSource($"C{c.Id}", c.Render(withPolicy: false), c.ValueSeed))], valuesPerCase);
            var hit = outcomes.Select((o, i) => (o, i)).FirstOrDefault(x => x.o.Failure is { } f && Kind(f) == kind);
            if (hit.o is null)
            {
                break;
            }
            current = candidates[hit.i] with { Id = 0 };
            failure = hit.o.Failure!;
        }
        return (current, failure);
    }

    private static string Kind(string failure) => KindPattern().Match(failure) is { Success: true } m ? m.Groups[1].Value : failure.Split('\n')[0];

    [GeneratedRegex(@"\): ((?:writing|reading) \((?:reflection|source-generated)\))")]
    private static partial Regex KindPattern();

    private static IEnumerable<PayloadCase> Candidates(PayloadCase c)
    {
        // Drop the last type or enum when nothing refers to it.
        var last = c.Types.Length - 1;
        if (last > 0 && !c.Types.Any(t => t.Base == last || t.Members.Any(m => Refers(m.Type, r => r is TypeRef.Named n && n.Index == last))))
        {
            yield return c with { Types = c.Types.RemoveAt(last) };
        }
        var lastEnum = c.Enums.Length - 1;
        if (lastEnum >= 0 && !c.Types.Any(t => t.Members.Any(m => Refers(m.Type, r => r is TypeRef.Enum e && e.Index == lastEnum))))
        {
            yield return c with { Enums = c.Enums.RemoveAt(lastEnum) };
        }
        for (var i = 0; i < c.Types.Length; i++)
        {
            var t = c.Types[i];
            for (var j = 0; j < t.Members.Length; j++)
            {
                yield return With(c, i, t with { Members = t.Members.RemoveAt(j) });
            }
            if (t.Base is not null)
            {
                yield return With(c, i, t with { Base = null });
            }
            if (t.Kind != TypeKind.Class)
            {
                yield return With(c, i, t with { Kind = TypeKind.Class });
            }
            if (t.Positional)
            {
                yield return With(c, i, t with { Positional = false });
            }
            if (t.JsonConstructor)
            {
                yield return With(c, i, t with { JsonConstructor = false });
            }
            for (var j = 0; j < t.Members.Length; j++)
            {
                foreach (var simpler in Simpler(t.Members[j]))
                {
                    yield return With(c, i, t with { Members = t.Members.SetItem(j, simpler) });
                }
            }
        }
        for (var e = 0; e < c.Enums.Length; e++)
        {
            var en = c.Enums[e];
            for (var v = 0; v < en.Values.Length; v++)
            {
                yield return c with { Enums = c.Enums.SetItem(e, en with { Values = en.Values.RemoveAt(v) }) };
            }
            if (en.Flags)
            {
                yield return c with { Enums = c.Enums.SetItem(e, en with { Flags = false }) };
            }
        }
    }

    private static IEnumerable<MemberDecl> Simpler(MemberDecl m)
    {
        if (m.JsonName is not null) yield return m with { JsonName = null };
        if (m.Ignore is not null) yield return m with { Ignore = null };
        if (m.Include) yield return m with { Include = false };
        if (m.Order is not null) yield return m with { Order = null };
        if (m.Required) yield return m with { Required = false };
        if (m.HasDefault) yield return m with { HasDefault = false };
        if (m.InConstructor) yield return m with { InConstructor = false };
        if (m.Form != MemberForm.GetSet) yield return m with { Form = MemberForm.GetSet };
        if (m.Access != Access.Public) yield return m with { Access = Access.Public };
        if (m.Name.StartsWith('@') || m.Name.Length > 1) yield return m with { Name = "P" };
        switch (m.Type)
        {
            case TypeRef.Nullable n: yield return m with { Type = n.Of }; break;
            case TypeRef.Array a: yield return m with { Type = a.Of }; break;
            case TypeRef.Collection col: yield return m with { Type = col.Of }; yield return m with { Type = new TypeRef.Array(col.Of) }; break;
            case TypeRef.Dictionary d: yield return m with { Type = d.Of }; break;
        }
        if (m.Type is not TypeRef.Builtin { Name: "int" }) yield return m with { Type = new TypeRef.Builtin("int") };
    }

    private static bool Refers(TypeRef type, Func<TypeRef, bool> match) => match(type) || type switch
    {
        TypeRef.Nullable n => Refers(n.Of, match),
        TypeRef.Array a => Refers(a.Of, match),
        TypeRef.Collection c => Refers(c.Of, match),
        TypeRef.Dictionary d => Refers(d.Of, match),
        _ => false,
    };

    private static PayloadCase With(PayloadCase c, int index, TypeDecl type) => c with { Types = c.Types.SetItem(index, type) };
}
