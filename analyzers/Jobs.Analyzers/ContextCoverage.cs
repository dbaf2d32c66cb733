using System.Collections.Generic;
using Jobs.Generators;
using Microsoft.CodeAnalysis;

namespace Jobs.Analyzers;

/// <summary>
/// The types a source-generated JsonSerializerContext has metadata for: each
/// <c>[JsonSerializable(typeof(T))]</c> and what System.Text.Json's generator reaches from it
/// (members, element and type arguments, bases, derived types). Generous on purpose: a type
/// counted here that the context lacks costs a missed warning, the reverse a false error.
/// </summary>
internal sealed class ContextCoverage
{
    private readonly HashSet<ITypeSymbol> _types = new(SymbolEqualityComparer.Default);
    private readonly KnownTypeSymbols _known;

    public ContextCoverage(INamedTypeSymbol context, KnownTypeSymbols known)
    {
        _known = known;
        foreach (var attribute in context.GetAttributes())
        {
            if (KnownTypeSymbols.Is(attribute.AttributeClass, known.JsonSerializableAttribute)
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is ITypeSymbol root)
            {
                Add(root);
            }
        }
    }

    public bool Covers(ITypeSymbol type) => _types.Contains(type);

    private void Add(ITypeSymbol type)
    {
        if (type is IErrorTypeSymbol || !_types.Add(type))
        {
            return;
        }
        switch (type)
        {
            case IArrayTypeSymbol array:
                Add(array.ElementType);
                break;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    Add(argument);
                }
                if (JobsGenerator.Parser.IsFrameworkType(named))
                {
                    break;
                }
                if (named.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) } baseType)
                {
                    Add(baseType);
                }
                foreach (var member in named.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                    {
                        Add(property.Type);
                    }
                    else if (member is IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field)
                    {
                        Add(field.Type);
                    }
                }
                foreach (var attribute in named.GetAttributes())
                {
                    if (KnownTypeSymbols.Is(attribute.AttributeClass, _known.JsonDerivedTypeAttribute)
                        && attribute.ConstructorArguments.Length > 0
                        && attribute.ConstructorArguments[0].Value is ITypeSymbol derived)
                    {
                        Add(derived);
                    }
                }
                break;
        }
    }
}
