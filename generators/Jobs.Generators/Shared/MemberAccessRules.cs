using System.Collections.Generic;
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
/// UnsafeAccessor, .NET 9 made it reach members of generic types (declared in a generic class over
/// the type's own type parameters, which the generator emits).
/// </summary>
internal static class MemberAccessRules
{
    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";

    /// <summary>Null when generated code can call <paramref name="type"/>'s non-public members; else why not.</summary>
    public static string? AccessorProblem(INamedTypeSymbol type, Compilation compilation)
    {
        if (KnownTypeSymbols.For(compilation).UnsafeAccessorAttribute is null)
        {
            return "the target framework has no [UnsafeAccessor] (.NET 8 or later has)";
        }
        if (!IsGenericOrInsideGeneric(type))
        {
            return null;
        }
        // An accessor naming a closed generic type (Box<int>) throws MissingMethodException at run
        // time (verified on .NET 10); .NET 8's runtime binds no accessor of a generic type at all.
        // The core library's version is the target framework's (System.Runtime 9.0.0.0 for net9.0).
        if (compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.Identity.Version.Major < 9)
        {
            return "the target framework's [UnsafeAccessor] does not reach members of generic types (.NET 9 or later does)";
        }
        var names = new HashSet<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var parameter in current.TypeParameters)
            {
                if (!names.Add(parameter.Name))
                {
                    return "its type parameters and those of the types containing it share the name '" + parameter.Name + "'";
                }
            }
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
