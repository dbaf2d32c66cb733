using System;
using System.Collections.Generic;
using System.Linq;
using Jobs.Generators;
using Jobs.Generators.Model;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// A task's contract from the generator's own model of its payload: the members the generated
/// reader and writer handle, by the JSON names they use, as the task's JSON Schema lists them.
/// </summary>
internal static class ContractBuilder
{
    /// <param name="payload">The generator's model of the payload.</param>
    /// <param name="policy">The assembly's naming policy.</param>
    /// <param name="enumValues">An enum's members and values by its type name (as <c>TypeRef.TypeName</c> spells it); null when unknown.</param>
    public static TaskContract Build(JobsGenerator.Parser.Payload payload, JobsNamingPolicy policy, Func<string, IReadOnlyList<KeyValuePair<string, string>>?> enumValues) =>
        Build(payload.Args, payload.Shapes.ToDictionary(shape => shape.Key, StringComparer.Ordinal), policy, enumValues, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The contract of <paramref name="root"/>: the types it reaches, and its earlier versions' contracts.</summary>
    private static TaskContract Build(TypeRef root, Dictionary<string, PayloadShape> shapes, JobsNamingPolicy policy, Func<string, IReadOnlyList<KeyValuePair<string, string>>?> enumValues, HashSet<string> versionsSeen)
    {
        var (reached, enums) = Reached(root, shapes);
        var known = enums.Select(e => (Type: e, Values: enumValues(e.TypeName))).Where(e => e.Values is not null).ToList();
        var labels = Labels(reached, known.Select(e => e.Type.TypeName));
        var types = new SortedDictionary<string, ContractType>(StringComparer.Ordinal);
        foreach (var (type, values) in known)
        {
            types[labels[EnumKey(type.TypeName)]] = ContractType.NumericEnum(Keyword(RuntimeHelpers.EnumUnderlyingKind(type.EnumUnderlyingType)), values!);
        }
        foreach (var shape in reached)
        {
            if (shape.Kind == ShapeKind.Object)
            {
                var members = new SortedDictionary<string, ContractMember>(StringComparer.Ordinal);
                foreach (var property in shape.Properties)
                {
                    if (property.Read == ReadMode.None)
                    {
                        continue; // not read: a payload's value for it is ignored, as if the member were gone
                    }
                    var name = property.JsonName ?? JsonNames.Convert(property.Name, policy);
                    members[name] = new ContractMember(Expression(property.Type, shapes, labels), property.IsRequired);
                }
                types[labels[shape.Key]] = ContractType.Object(members);
            }
            else if (shape.Kind == ShapeKind.StringEnum)
            {
                types[labels[shape.Key]] = ContractType.StringEnum(shape.Members.Select(m => m.JsonName));
            }
        }
        var payload = Expression(root, shapes, labels);
        if (root.Kind == ValueKind.Shape && !(root.IsNullable && root.IsValueType) && shapes[root.ShapeKey!] is { Version: > 1, Previous: { } previous } versioned
            && versionsSeen.Add(root.ShapeKey!))
        {
            return new TaskContract(payload, types, versioned.Version, Build(previous, shapes, policy, enumValues, versionsSeen));
        }
        return new TaskContract(payload, types);
    }

    /// <summary>The shapes and numeric enums a value of <paramref name="root"/> may hold, in first-reached order (an earlier version's are not among them).</summary>
    private static (List<PayloadShape> Shapes, List<TypeRef> Enums) Reached(TypeRef root, Dictionary<string, PayloadShape> shapes)
    {
        var reached = new List<PayloadShape>();
        var enums = new List<TypeRef>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(TypeRef? type)
        {
            if (type is { Kind: ValueKind.Enum } && seen.Add(EnumKey(type.TypeName)))
            {
                enums.Add(type);
                return;
            }
            if (type?.ShapeKey is not { } key || !seen.Add(key) || !shapes.TryGetValue(key, out var shape))
            {
                return;
            }
            reached.Add(shape);
            Visit(shape.Element);
            foreach (var property in shape.Properties)
            {
                Visit(property.Type);
            }
        }
        Visit(root);
        return (reached, enums);
    }

    private static string EnumKey(string typeName) => "enum:" + typeName;

    private static string Expression(TypeRef type, Dictionary<string, PayloadShape> shapes, Dictionary<string, string> labels)
    {
        var text = type.Kind switch
        {
            ValueKind.Shape => Shape(shapes[type.ShapeKey!], shapes, labels),
            // By its label when its values are known (the numbers a payload stores mean its members).
            ValueKind.Enum => labels.TryGetValue(EnumKey(type.TypeName), out var label) ? label : "enum(" + Keyword(RuntimeHelpers.EnumUnderlyingKind(type.EnumUnderlyingType)) + ")",
            _ => Keyword(type.Kind),
        };
        return type.IsNullable ? text + "?" : text;
    }

    private static string Shape(PayloadShape shape, Dictionary<string, PayloadShape> shapes, Dictionary<string, string> labels) => shape.Kind switch
    {
        ShapeKind.Array or ShapeKind.List => Expression(shape.Element!, shapes, labels) + "[]",
        ShapeKind.Dictionary => Expression(shape.Element!, shapes, labels) + "{}",
        ShapeKind.External => "external(" + NameOnly(shape.TypeName.Replace("global::", "")) + ")",
        _ => labels[shape.Key],
    };

    /// <summary>The scalar keywords: .NET's names, lower case; a GUID is a uuid, a byte[] base64 bytes.</summary>
    internal static string Keyword(ValueKind kind) => kind switch
    {
        ValueKind.Guid => "uuid",
        ValueKind.Bytes => "bytes",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Object and string-enum types by their short C# names; a name two types share gets a number.</summary>
    private static Dictionary<string, string> Labels(IEnumerable<PayloadShape> shapes, IEnumerable<string> enums)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var named = shapes.Where(s => s.Kind is ShapeKind.Object or ShapeKind.StringEnum).Select(s => (Key: s.Key, TypeName: s.TypeName))
            .Concat(enums.Select(e => (Key: EnumKey(e), TypeName: e)));
        foreach (var shape in named)
        {
            var label = NameOnly(ShortName(shape.TypeName));
            var candidate = label;
            for (var n = 2; !used.Add(candidate) || IsKeyword(candidate); n++)
            {
                candidate = label + "_" + n;
            }
            labels[shape.Key] = candidate;
        }
        return labels;
    }

    // Only name characters: a name is read back inside type expressions, where ? [] {} ( ) mean something.
    private static string NameOnly(string name) => new(name.Where(c => char.IsLetterOrDigit(c) || c is '_' or '<' or '>' or ',' or '.').ToArray());

    private static bool IsKeyword(string label) =>
        Enum.GetValues(typeof(ValueKind)).Cast<ValueKind>().Any(kind => Keyword(kind) == label) || label.StartsWith("enum(", StringComparison.Ordinal);

    // "global::A.B.Outer.Inner<global::C.D>" -> "Inner<D>": namespaces and outer types dropped, type arguments kept short.
    private static string ShortName(string typeName)
    {
        var name = typeName.Replace("global::", "");
        var generic = name.IndexOf('<');
        var head = generic < 0 ? name : name.Substring(0, generic);
        var shortHead = head.Substring(head.LastIndexOf('.') + 1);
        if (generic < 0)
        {
            return shortHead;
        }
        var arguments = name.Substring(generic + 1, name.Length - generic - 2);
        return shortHead + "<" + string.Join(",", SplitArguments(arguments).Select(ShortName)) + ">";
    }

    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case '<': depth++; break;
                case '>': depth--; break;
                case ',' when depth == 0:
                    yield return arguments.Substring(start, i - start).Trim();
                    start = i + 1;
                    break;
            }
        }
        yield return arguments.Substring(start).Trim();
    }
}
