using System.Collections.Immutable;
using System.Linq;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>
/// <c>[assembly: JobsSerialization(...)]</c>: a Context the generator cannot use (JOBS009), or a
/// NamingPolicy that names no policy (JOBS016).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobsSerializationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidContext, DiagnosticDescriptors.UnknownNamingPolicy);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var known = KnownTypeSymbols.For(compilation);
            if (known.JobsSerializationAttribute is not { } attributeType)
            {
                return;
            }

            // The assembly's attributes are known up front; each finding is reported from the
            // syntax tree it is written in, so it shows as soon as that file is analyzed.
            var findings = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    continue;
                }
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(start.CancellationToken) as AttributeSyntax;
                foreach (var argument in attribute.NamedArguments)
                {
                    var location = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument.Key)?.GetLocation()
                        ?? syntax?.GetLocation();
                    if (location is null)
                    {
                        continue;
                    }
                    if (argument.Key == "Context" && argument.Value.Value is ITypeSymbol type && Problem(type, known) is { } problem)
                    {
                        findings.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidContext, location, type.OriginalDefinition.ToDisplayString(), problem));
                    }
                    else if (argument.Key == "NamingPolicy" && argument.Value.Value is int policy
                             && argument.Value.Type is INamedTypeSymbol policyType
                             && !policyType.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, policy)))
                    {
                        findings.Add(Diagnostic.Create(DiagnosticDescriptors.UnknownNamingPolicy, location, policy));
                    }
                }
            }
            if (findings.Count == 0)
            {
                return;
            }

            var all = findings.ToImmutable();
            start.RegisterSyntaxTreeAction(tree =>
            {
                foreach (var diagnostic in all)
                {
                    if (diagnostic.Location.SourceTree == tree.Tree)
                    {
                        tree.ReportDiagnostic(diagnostic);
                    }
                }
            });
        });
    }

    private static string? Problem(ITypeSymbol type, KnownTypeSymbols known)
    {
        if (type is IErrorTypeSymbol)
        {
            return null;
        }
        // typeof(C<>) binds to the unbound type, whose bases are only known on its definition.
        if (type is not INamedTypeSymbol named || !HandlerRules.DerivesFromSerializerContext(named.OriginalDefinition, known))
        {
            return "does not derive from System.Text.Json.Serialization.JsonSerializerContext";
        }
        if (HandlerRules.IsUsableSerializerContext(named, known))
        {
            return null;
        }
        return named.IsAbstract ? "is abstract"
            : named.IsGenericType ? "is generic"
            : named.IsFileLocal ? "is file-local: generated code, in files of its own, cannot refer to it"
            : "is not accessible from the rest of the assembly";
    }
}
