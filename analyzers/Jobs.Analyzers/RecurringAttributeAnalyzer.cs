using System.Collections.Immutable;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>
/// What is written in <c>[Recurring(...)]</c>: the cron expression (JOBS013), the Payload JSON
/// (JOBS014), and a [Recurring] without [JobTask] (JOBS015). Validated by the same
/// <see cref="RecurringRules"/> the generator uses to decide whether to register the schedule.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecurringAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidCron,
        DiagnosticDescriptors.InvalidRecurringPayload,
        DiagnosticDescriptors.RecurringWithoutJobTask);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypeSymbols.For(start.Compilation);
            if (known.RecurringAttribute is not { } recurringType)
            {
                return;
            }
            var jobTaskType = known.JobTaskAttribute;
            start.RegisterSymbolAction(symbol => Check(symbol, recurringType, jobTaskType), SymbolKind.NamedType);
        });
    }

    private static void Check(SymbolAnalysisContext context, INamedTypeSymbol recurringType, INamedTypeSymbol? jobTaskType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? recurring = null;
        var hasJobTask = false;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, recurringType))
            {
                recurring = attribute;
            }
            else if (jobTaskType is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, jobTaskType))
            {
                hasJobTask = true;
            }
        }
        if (recurring is null)
        {
            return;
        }
        var syntax = recurring.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
        var attributeLocation = syntax?.GetLocation() ?? type.Locations[0];
        if (!hasJobTask)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RecurringWithoutJobTask, attributeLocation, type.ToDisplayString()));
        }

        if (recurring.ConstructorArguments.Length == 1 && !recurring.ConstructorArguments[0].IsNull
            && recurring.ConstructorArguments[0].Value is string cron)
        {
            if (RecurringRules.CronProblem(cron) is { } problem)
            {
                var location = syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].Expression.GetLocation() : attributeLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCron, location, cron, type.ToDisplayString(), problem));
            }
        }
        else if (recurring.ConstructorArguments.Length == 1)
        {
            var location = syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].Expression.GetLocation() : attributeLocation;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCron, location, "null", type.ToDisplayString(), "it is null"));
        }

        foreach (var argument in recurring.NamedArguments)
        {
            if (argument.Key != "Payload" || argument.Value.Value is not string payload || RecurringRules.JsonProblem(payload) is not { } problem)
            {
                continue;
            }
            var location = attributeLocation;
            if (syntax?.ArgumentList is { } list)
            {
                foreach (var item in list.Arguments)
                {
                    if (item.NameEquals?.Name.Identifier.ValueText == "Payload")
                    {
                        location = item.Expression.GetLocation();
                    }
                }
            }
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidRecurringPayload, location, type.ToDisplayString(), problem));
        }
    }
}
