using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>
/// The values written in <c>[JobTask(...)]</c>: the task name's length (JOBS002), the defaults'
/// limits (JOBS006) and task names claimed twice in the compilation (JOBS001).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobTaskAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DuplicateTaskName,
        DiagnosticDescriptors.InvalidTaskName,
        DiagnosticDescriptors.InvalidAttributeValue);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypeSymbols.For(start.Compilation).JobTaskAttribute is not { } attributeType)
            {
                return;
            }

            var names = new ConcurrentBag<(string Name, string Handler, Location Location)>();
            start.RegisterSymbolAction(symbol =>
            {
                if (JobTaskUse.Find((INamedTypeSymbol)symbol.Symbol, attributeType, symbol.CancellationToken) is not { IsWellFormed: true } use)
                {
                    return;
                }
                CheckName(symbol, use);
                CheckNamedArguments(symbol, use);
                if (use.ValidTaskName is { } name)
                {
                    names.Add((name, use.Handler.ToDisplayString(), use.NameLocation));
                }
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var group in names.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    foreach (var claim in group)
                    {
                        var others = group.Where(o => !string.Equals(o.Handler, claim.Handler, StringComparison.Ordinal)).Select(o => o.Handler).OrderBy(h => h, StringComparer.Ordinal);
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTaskName, claim.Location, claim.Name, claim.Handler, JobTaskUse.List(others)));
                    }
                }
            });
        });
    }

    private static void CheckName(SymbolAnalysisContext context, JobTaskUse use)
    {
        var name = use.TaskName;
        if (HandlerRules.IsValidTaskName(name))
        {
            return;
        }
        var problem = name is null ? "is null"
            : name.Length == 0 ? "is empty"
            : string.Format(CultureInfo.InvariantCulture, "has {0} characters", name.Length);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidTaskName, use.NameLocation, use.Handler.Name, problem));
    }

    private static void CheckNamedArguments(SymbolAnalysisContext context, JobTaskUse use)
    {
        foreach (var argument in use.Attribute.NamedArguments)
        {
            var value = argument.Value.Value;
            if (HandlerRules.IsValidNamedArgument(argument.Key, value))
            {
                continue;
            }
            var (shown, rule) = argument.Key switch
            {
                "Queue" => (Quote((string)value!), "a queue name needs 1 to 126 characters"),
                "MaxAttempts" => (Convert.ToString(value, CultureInfo.InvariantCulture), "a job needs at least 1 attempt"),
                _ => (Convert.ToString(value, CultureInfo.InvariantCulture), "the timeout must be at least 1 second"),
            };
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidAttributeValue, use.NamedArgumentLocation(argument.Key), argument.Key, shown, use.Handler.Name, rule));
        }
    }

    private static string Quote(string value) =>
        value.Length <= 40
            ? "\"" + value + "\""
            : string.Format(CultureInfo.InvariantCulture, "\"{0}…\" ({1} characters)", value.Substring(0, 40), value.Length);
}
