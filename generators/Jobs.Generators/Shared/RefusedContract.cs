using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// A payload type System.Text.Json itself refuses: building its contract throws
/// InvalidOperationException, reflection-based and source-generated alike (JOBS020). The handler gets
/// no code: the generated serializer must not quietly succeed where System.Text.Json cannot.
/// </summary>
/// <param name="TypeName">The payload type, fully qualified (its shape key).</param>
/// <param name="Problem">What System.Text.Json objects to, naming the member or members, and the way out.</param>
internal sealed record RefusedContract(string TypeName, string Problem)
{
    /// <summary>A member as the problem names it: <c>property 'Count'</c>, <c>field 'count' (declared on 'Base')</c>.</summary>
    public static string Describe(ISymbol member, INamedTypeSymbol payloadType)
    {
        var text = (member is IFieldSymbol ? "field '" : "property '") + member.Name + "'";
        return SymbolEqualityComparer.Default.Equals(member.ContainingType, payloadType)
            ? text
            : text + " (declared on '" + member.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "')";
    }

    /// <summary>[JsonIgnore(Condition = WhenWritingNull)] on a member of a non-nullable value type.</summary>
    public static string WhenWritingNullOnValueType(ISymbol member, ITypeSymbol type, INamedTypeSymbol payloadType) =>
        "its " + Describe(member, payloadType) + " is of the non-nullable value type '" + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
        + "' and has [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)], which System.Text.Json accepts only on members that can be null; use JsonIgnoreCondition.WhenWritingDefault, or make the type nullable";

    /// <summary>A required member (C# <c>required</c> or <c>[JsonRequired]</c>) that reading never sets.</summary>
    public static string RequiredNotRead(ISymbol member, INamedTypeSymbol payloadType, string why) =>
        "its " + Describe(member, payloadType) + " is required but " + why + ", so no JSON could set it; remove the [JsonIgnore] (or give it a setter), or drop 'required'/[JsonRequired]";

    /// <summary>Two serialized members with the same JSON name.</summary>
    public static string NameCollision(ISymbol first, ISymbol second, string jsonName, INamedTypeSymbol payloadType) =>
        "its " + Describe(first, payloadType) + " and its " + Describe(second, payloadType) + " both have the JSON name \""
        + jsonName + "\"; give one of them another [JsonPropertyName], or [JsonIgnore] one";

    /// <summary>Whether <paramref name="type"/> is a value type that is not <c>Nullable&lt;T&gt;</c>.</summary>
    public static bool IsNonNullableValueType(ITypeSymbol type) =>
        type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
}
