using System.Collections.Immutable;
using System.Linq;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>JOBS025: a <c>[JobPayloadVersion]</c> the generated reader cannot honour, by the generator's own rules.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobPayloadVersionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PayloadVersionInvalid);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypeSymbols.For(start.Compilation);
            if (known.JobPayloadVersionAttribute is null)
            {
                return;
            }
            start.RegisterSymbolAction(symbol =>
            {
                var type = (INamedTypeSymbol)symbol.Symbol;
                if (PayloadVersionRules.Attribute(type, known) is { } attribute && PayloadVersionRules.Problem(type, attribute, known) is { } problem)
                {
                    var location = attribute.ApplicationSyntaxReference?.GetSyntax(symbol.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault() ?? Location.None;
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadVersionInvalid, location, type.Name, problem));
                }
            }, SymbolKind.NamedType);
        });
    }
}
