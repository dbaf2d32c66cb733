using System.Linq;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// What <c>[JobPayloadVersion]</c> needs for the generated reader to upcast earlier payloads: a
/// version of 2 or more, a <c>Previous</c> type below it, and <c>static T Upcast(Previous)</c> that
/// generated code can call. The generator treats a type that breaks a rule as unversioned (so its
/// code still compiles) and the analyzers report the rule (JOBS025).
/// </summary>
internal static class PayloadVersionRules
{
    /// <summary>The attribute on <paramref name="type"/>, or null.</summary>
    public static AttributeData? Attribute(INamedTypeSymbol type, KnownTypeSymbols known) =>
        known.JobPayloadVersionAttribute is null ? null : type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.JobPayloadVersionAttribute));

    /// <summary>The version the attribute declares, or 0 when it is not an int.</summary>
    public static int Version(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int version ? version : 0;

    /// <summary>The type of the version before, or null.</summary>
    public static INamedTypeSymbol? Previous(AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == "Previous").Value.Value as INamedTypeSymbol;

    /// <summary>Why the attribute on <paramref name="type"/> cannot be honoured, or null when it can.</summary>
    public static string? Problem(INamedTypeSymbol type, AttributeData attribute, KnownTypeSymbols known)
    {
        var version = Version(attribute);
        if (version < 2)
        {
            return "its version must be 2 or more (a payload type without the attribute is version 1)";
        }
        if (Previous(attribute) is not { } previous)
        {
            return "it names no Previous type, the type of the version before, to read earlier payloads as";
        }
        if (SymbolEqualityComparer.Default.Equals(previous, type))
        {
            return "its Previous type is the type itself";
        }
        if (previous.TypeKind is not (TypeKind.Class or TypeKind.Struct) || previous.SpecialType != SpecialType.None || previous.IsAbstract || previous.IsGenericType)
        {
            return $"its Previous type {previous.Name} is not a concrete, non-generic class, struct or record, which earlier payloads are read as";
        }
        if (Attribute(previous, known) is { } earlier && Version(earlier) >= version)
        {
            return $"its Previous type {previous.Name} is version {Version(earlier)}, not below {version}";
        }
        var upcast = type.GetMembers("Upcast").OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.IsStatic
            && m.Parameters.Length == 1
            && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, previous.OriginalDefinition)
            && SymbolEqualityComparer.Default.Equals(m.ReturnType.OriginalDefinition, type.OriginalDefinition)
            && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
        return upcast is null
            ? $"it has no public or internal 'static {type.Name} Upcast({previous.Name} previous)' for the generated reader to convert earlier payloads with"
            : null;
    }
}
