using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Jobs.Analyzers;

/// <summary>One <c>[JobTask]</c> on a class: the symbol, the attribute and where to point diagnostics.</summary>
internal sealed class JobTaskUse
{
    private JobTaskUse(INamedTypeSymbol handler, AttributeData attribute, AttributeSyntax? syntax)
    {
        Handler = handler;
        Attribute = attribute;
        Syntax = syntax;
    }

    /// <summary>The class carrying the attribute.</summary>
    public INamedTypeSymbol Handler { get; }

    /// <summary>The attribute as bound.</summary>
    public AttributeData Attribute { get; }

    /// <summary>The attribute as written, when it is in source.</summary>
    public AttributeSyntax? Syntax { get; }

    /// <summary>The declaration the attribute is written on (one part of a partial class).</summary>
    public BaseTypeDeclarationSyntax? Declaration => Syntax?.Parent?.Parent as BaseTypeDeclarationSyntax;

    /// <summary>True when the attribute bound to its one constructor (otherwise the compiler reports it).</summary>
    public bool IsWellFormed => Attribute.AttributeConstructor is not null && Attribute.ConstructorArguments.Length == 1;

    /// <summary>The task name, when it is a string.</summary>
    public string? TaskName => IsWellFormed ? Attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>The class name where the attribute is written.</summary>
    public Location ClassLocation => Declaration?.Identifier.GetLocation() ?? Handler.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The task name argument.</summary>
    public Location NameLocation =>
        Syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.GetLocation()
        ?? Syntax?.GetLocation()
        ?? ClassLocation;

    /// <summary>Finds the <c>[JobTask]</c> on <paramref name="type"/>, or null.</summary>
    public static JobTaskUse? Find(INamedTypeSymbol type, INamedTypeSymbol attributeType, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return new JobTaskUse(type, attribute, attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);
            }
        }
        return null;
    }

    /// <summary>A named argument such as <c>Queue = "x"</c>.</summary>
    public Location NamedArgumentLocation(string name) =>
        Syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation()
        ?? Syntax?.GetLocation()
        ?? ClassLocation;

    /// <summary>The <c>IJobHandler&lt;T&gt;</c> entry of the base list, when the class names it itself; else the class name.</summary>
    public Location InterfaceLocation
    {
        get
        {
            if (Handler.DeclaringSyntaxReferences.Length > 0)
            {
                foreach (var reference in Handler.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax { BaseList: { } baseList })
                    {
                        foreach (var baseType in baseList.Types)
                        {
                            if (RightmostName(baseType.Type) is GenericNameSyntax { Identifier.ValueText: "IJobHandler", TypeArgumentList.Arguments.Count: 1 })
                            {
                                return baseType.GetLocation();
                            }
                        }
                    }
                }
            }
            return ClassLocation;
        }
    }

    /// <summary>The handler's valid task name, or null when the attribute breaks a rule JOBS002 reports.</summary>
    public string? ValidTaskName => HandlerRules.IsValidTaskName(TaskName) ? TaskName : null;

    /// <summary>"'A'", "'A' and 'B'", "'A', 'B' and 'C'".</summary>
    public static string List(IEnumerable<string> names)
    {
        var quoted = names.Select(n => "'" + n + "'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
    }

    private static NameSyntax? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax alias => alias.Name,
        NameSyntax name => name,
        _ => null,
    };
}
