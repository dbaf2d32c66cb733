using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// A member System.Text.Json reads or writes that the generated serializer cannot reach on the
/// user's target framework (JOBS017). The handler gets no code: a silent difference is worse than none.
/// </summary>
/// <param name="TypeName">The payload type declaring the use, fully qualified (its shape key).</param>
/// <param name="Member">The property or field, or <c>.ctor</c> for the deserialization constructor.</param>
/// <param name="Problem">Why it cannot be reached.</param>
/// <param name="IsField">The member is a field.</param>
internal sealed record UnmatchableMember(string TypeName, string Member, string Problem, bool IsField = false)
{
    /// <summary>The member as a diagnostic names it: <c>Property 'Value'</c>, <c>Field 'count'</c>, <c>The [JsonConstructor]</c>.</summary>
    public string Subject => Member == ".ctor" ? "The [JsonConstructor]" : (IsField ? "Field '" : "Property '") + Member + "'";
}

/// <summary>
/// Whether generated code can reach non-public members through <c>[UnsafeAccessor]</c>. The generator
/// runs on netstandard2.0, the code it emits runs on the user's target framework: .NET 8 brought
/// UnsafeAccessor; members of generic types are not reached yet (see <see cref="AccessorProblem"/>).
/// </summary>
internal static class MemberAccessRules
{
    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";

    /// <summary>Null when generated code can call <paramref name="type"/>'s non-public members; else why not.</summary>
    public static string? AccessorProblem(INamedTypeSymbol type, Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName(UnsafeAccessorAttribute) is null)
        {
            return "the target framework has no [UnsafeAccessor] (.NET 8 or later has)";
        }
        if (IsGenericOrInsideGeneric(type))
        {
            // An accessor whose signature names a closed generic type (Box<int>) throws
            // MissingMethodException at run time (verified on .NET 10): .NET 9+ needs the accessor
            // in a generic class over the type's own parameters, which the generator does not emit yet.
            return "the generated serializer does not reach non-public or init accessors of generic types yet";
        }
        return null;
    }

    private static bool IsGenericOrInsideGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }
        return false;
    }
}
