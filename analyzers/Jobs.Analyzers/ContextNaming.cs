using System.Collections.Generic;
using System.Linq;
using Jobs.Generators;
using Jobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Jobs.Analyzers;

/// <summary>
/// JOBS018: the naming a JsonSerializerContext applies to the types it serves, from its
/// <c>[JsonSourceGenerationOptions]</c>, against the assembly's JobsSerialization naming. The
/// generated serializer writes the rest of a payload with the assembly's policy; a subtree the
/// context serves is written with the context's options, so a user object type in it whose names
/// the two policies spell differently (or a string-keyed dictionary, when the context sets a
/// DictionaryKeyPolicy) would not match System.Text.Json with the assembly's naming.
/// </summary>
internal sealed class ContextNaming
{
    /// <summary>The option a mismatch is about, as the code fix sets it.</summary>
    public const string PropertyNamingPolicy = nameof(PropertyNamingPolicy);

    /// <inheritdoc cref="PropertyNamingPolicy"/>
    public const string DictionaryKeyPolicy = nameof(DictionaryKeyPolicy);

    private readonly JobsNamingPolicy _assembly;
    private readonly JobsNamingPolicy _properties;
    private readonly JobsNamingPolicy _keys;
    private readonly KnownTypeSymbols _known;

    public ContextNaming(INamedTypeSymbol context, JobsNamingPolicy assembly, KnownTypeSymbols known)
    {
        _assembly = assembly;
        _known = known;
        int? properties = null, keys = null;
        var web = false;
        var options = KnownTypeSymbols.Attribute(context, known.JsonSourceGenerationOptionsAttribute);
        if (options is not null)
        {
            // JsonSerializerDefaults.Web implies camelCase property names.
            web = options.ConstructorArguments.Length == 1 && options.ConstructorArguments[0].Value is int defaults && defaults == (int)JsonEnums.SerializerDefaults.Web;
            foreach (var argument in options.NamedArguments)
            {
                if (argument.Key == PropertyNamingPolicy && argument.Value.Value is int p)
                {
                    properties = p;
                }
                else if (argument.Key == DictionaryKeyPolicy && argument.Value.Value is int k)
                {
                    keys = k;
                }
            }
        }
        // An explicit Unspecified overrides Web's camelCase (the generated options set the policy to null).
        _properties = properties is { } propertyPolicy ? FromKnown(propertyPolicy) : web ? JobsNamingPolicy.CamelCase : JobsNamingPolicy.AsDeclared;
        _keys = keys is { } keyPolicy ? FromKnown(keyPolicy) : JobsNamingPolicy.AsDeclared;
    }

    /// <summary>The assembly's JobsSerialization naming.</summary>
    public JobsNamingPolicy Assembly => _assembly;

    /// <summary>The context's property naming, for messages.</summary>
    public JobsNamingPolicy Properties => _properties;

    /// <summary>The context's dictionary key policy, for messages.</summary>
    public JobsNamingPolicy Keys => _keys;

    /// <summary>Nothing to check: the context names as the assembly does and converts no keys.</summary>
    public bool Agrees => _properties == _assembly && _keys == JobsNamingPolicy.AsDeclared;

    /// <summary>The first thing in <paramref name="root"/>'s subtree written differently, per option; empty when none.</summary>
    public IReadOnlyList<Mismatch> Find(ITypeSymbol root)
    {
        var found = new List<Mismatch>();
        if (Agrees)
        {
            return found;
        }
        Mismatch? property = null, key = null;
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0 && (property is null || key is null))
        {
            var type = pending.Pop();
            if (type is IErrorTypeSymbol || !seen.Add(type.WithNullableAnnotation(NullableAnnotation.None)))
            {
                continue;
            }
            if (type is IArrayTypeSymbol array)
            {
                pending.Push(array.ElementType);
                continue;
            }
            if (type is not INamedTypeSymbol named)
            {
                continue;
            }
            foreach (var argument in named.TypeArguments)
            {
                pending.Push(argument);
            }
            if (key is null && _keys != JobsNamingPolicy.AsDeclared && IsStringKeyedDictionary(named, _known))
            {
                key = new Mismatch(DictionaryKeyPolicy, named, null, null, null);
            }
            if (JobsGenerator.Parser.IsFrameworkType(named) || named.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
                || KnownTypeSymbols.HasAttribute(named, _known.JsonConverterAttribute))
            {
                continue;
            }
            foreach (var (member, memberType) in SerializedMembers(named, _known))
            {
                pending.Push(memberType);
                if (property is null && _properties != _assembly && !KnownTypeSymbols.HasAttribute(member, _known.JsonPropertyNameAttribute))
                {
                    var ours = JsonNames.Convert(member.Name, _assembly);
                    var theirs = JsonNames.Convert(member.Name, _properties);
                    if (ours != theirs)
                    {
                        property = new Mismatch(PropertyNamingPolicy, named, member.Name, theirs, ours);
                    }
                }
            }
        }
        if (property is not null)
        {
            found.Add(property);
        }
        if (key is not null)
        {
            found.Add(key);
        }
        return found;
    }

    /// <summary><c>JsonKnownNamingPolicy</c>'s member for a policy: what the code fix writes.</summary>
    public static string KnownName(JobsNamingPolicy policy) => policy == JobsNamingPolicy.AsDeclared ? "Unspecified" : policy.ToString();

    /// <summary>A policy for messages: <c>SnakeCaseLower</c>, or <c>none</c> for names as declared.</summary>
    public static string Describe(JobsNamingPolicy policy) => policy == JobsNamingPolicy.AsDeclared ? "none (names as declared)" : policy.ToString();

    /// <summary>A <c>JsonKnownNamingPolicy</c> value as the policy of ours that names alike.</summary>
    private static JobsNamingPolicy FromKnown(int value) => (JsonEnums.KnownNamingPolicy)value switch
    {
        JsonEnums.KnownNamingPolicy.CamelCase => JobsNamingPolicy.CamelCase,
        JsonEnums.KnownNamingPolicy.SnakeCaseLower => JobsNamingPolicy.SnakeCaseLower,
        JsonEnums.KnownNamingPolicy.SnakeCaseUpper => JobsNamingPolicy.SnakeCaseUpper,
        JsonEnums.KnownNamingPolicy.KebabCaseLower => JobsNamingPolicy.KebabCaseLower,
        JsonEnums.KnownNamingPolicy.KebabCaseUpper => JobsNamingPolicy.KebabCaseUpper,
        _ => JobsNamingPolicy.AsDeclared,
    };

    private static bool IsStringKeyedDictionary(INamedTypeSymbol type, KnownTypeSymbols known) =>
        new[] { type }.Concat(type.AllInterfaces).Any(i => known.IsDictionaryInterface(i) && i.TypeArguments[0].SpecialType == SpecialType.System_String);

    /// <summary>The members System.Text.Json reads or writes by name: public properties with a getter or setter, and [JsonInclude] ones and fields, bases included, unless always ignored.</summary>
    private static IEnumerable<(ISymbol Member, ITypeSymbol Type)> SerializedMembers(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        // As the generator's parser (System.Text.Json's hierarchy resolution): a member System.Text.Json
        // does not take (non-public without [JsonInclude]) or ignores always hides no base member, unless
        // it is a virtual [JsonIgnore]d property over a virtual one of its type; a member hides a base one
        // of its C# name when both have the same [JsonPropertyName] (or neither has one).
        var hiding = new HashSet<(string Name, string? JsonName)>();
        var ignoredVirtual = new Dictionary<string, ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || KnownTypeSymbols.HasAttribute(member, known.JsonExtensionDataAttribute))
                {
                    continue;
                }
                var included = KnownTypeSymbols.HasAttribute(member, known.JsonIncludeAttribute);
                var property = member as IPropertySymbol;
                var taken = member switch
                {
                    IPropertySymbol { IsIndexer: false } p => included || p.DeclaredAccessibility == Accessibility.Public,
                    IFieldSymbol => included,
                    _ => false,
                };
                var isVirtual = property is { IsVirtual: true } or { IsOverride: true } or { IsAbstract: true };
                if (!taken || isVirtual && ignoredVirtual.TryGetValue(member.Name, out var overridden) && SymbolEqualityComparer.Default.Equals(overridden, property!.Type))
                {
                    continue;
                }
                // Always, the attribute's default, as the generator reads it.
                if (JobsGenerator.Parser.IgnoreCondition(member, known) == JsonEnums.IgnoreCondition.Always)
                {
                    if (isVirtual)
                    {
                        ignoredVirtual[member.Name] = property!.Type;
                    }
                    continue;
                }
                var jsonName = JobsGenerator.Parser.JsonName(member, known);
                if (!hiding.Add((member.Name, jsonName)))
                {
                    continue;
                }
                yield return (member, property?.Type ?? ((IFieldSymbol)member).Type);
            }
        }
    }
}

/// <summary>One JOBS018 finding.</summary>
/// <param name="Option">Which option: <see cref="ContextNaming.PropertyNamingPolicy"/> or <see cref="ContextNaming.DictionaryKeyPolicy"/>.</param>
/// <param name="Type">The type whose bytes differ.</param>
/// <param name="Member">The member whose name differs (property naming only).</param>
/// <param name="ContextName">The member's name as the context writes it.</param>
/// <param name="AssemblyName">The member's name as the assembly's naming writes it.</param>
internal sealed record Mismatch(string Option, INamedTypeSymbol Type, string? Member, string? ContextName, string? AssemblyName);
