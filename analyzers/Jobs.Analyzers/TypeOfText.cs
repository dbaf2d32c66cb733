using Microsoft.CodeAnalysis;

namespace Jobs.Analyzers;

/// <summary>
/// A type as it may be written inside <c>typeof(...)</c>: no nullable reference annotation at any
/// depth (<c>typeof(object?)</c> and <c>typeof(List&lt;string?&gt;)</c> are CS8639), nullable
/// value types kept (<c>typeof(int?)</c> is fine), tuples as <c>ValueTuple&lt;...&gt;</c> (element
/// names are dropped by <c>typeof</c> anyway).
/// </summary>
internal static class TypeOfText
{
    private const SymbolDisplayMiscellaneousOptions Unwanted = SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier;

    /// <summary>For messages and titles: <c>HashSet&lt;object&gt;</c>, <c>Outer&lt;int&gt;.Inner</c> (a nested type with its containers, or it does not resolve).</summary>
    public static readonly SymbolDisplayFormat Short = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>For code: <c>global::System.Collections.Generic.HashSet&lt;object&gt;</c>.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .RemoveMiscellaneousOptions(Unwanted);

    /// <summary>The short text, compilable where the type's namespace is imported.</summary>
    public static string ShortName(ITypeSymbol type) => Strip(type).ToDisplayString(Short);

    /// <summary>The fully qualified text, compilable anywhere.</summary>
    public static string FullName(ITypeSymbol type) => Strip(type).ToDisplayString(FullyQualified);

    /// <summary>The type without nullable reference annotations, at any depth.</summary>
    public static ITypeSymbol Strip(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.None);
}
