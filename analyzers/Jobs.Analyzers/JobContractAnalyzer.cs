using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Jobs.Analyzers.Contracts;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Jobs.Analyzers;

/// <summary>
/// Compares each task's payload with the contract recorded in the project's <c>jobs.contracts.json</c>
/// (an AdditionalFile, like PublicApiAnalyzers' PublicAPI.txt): a breaking change is an error
/// (JOBS021), a compatible one or a new task is info with a code fix that records it (JOBS022), a
/// recorded task no handler serves is an error (JOBS023). Without the file, nothing is checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobContractAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.BreakingPayloadChange,
        DiagnosticDescriptors.AdditivePayloadChange,
        DiagnosticDescriptors.ContractTaskRemoved,
        DiagnosticDescriptors.ContractUnreadable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var file = start.Options.AdditionalFiles.FirstOrDefault(IsContractFile);
            var known = KnownTypeSymbols.For(start.Compilation);
            if (file is null || known.JobTaskAttribute is not { } attributeType || file.GetText(start.CancellationToken) is not { } text)
            {
                return;
            }
            Dictionary<string, (TaskContract Contract, int Position)> recorded;
            FormatException? unreadable = null;
            try
            {
                recorded = ContractJson.Read(text.ToString());
            }
            catch (FormatException ex)
            {
                // Nothing to compare with: only JOBS024, at the end.
                recorded = [];
                unreadable = ex;
            }

            var policy = JobsGenerator.Parser.NamingPolicyOf(start.Compilation);
            var handled = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            start.RegisterSymbolAction(symbol =>
            {
                if (JobTaskUse.Find((INamedTypeSymbol)symbol.Symbol, attributeType, symbol.CancellationToken) is not { TaskName: { } task } use)
                {
                    return;
                }
                handled[task] = true;
                if (unreadable is not null || CurrentContracts.Of(use.Handler, symbol.Compilation, known, policy, symbol.CancellationToken) is not { } now)
                {
                    return;
                }
                if (!recorded.TryGetValue(task, out var entry))
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AdditivePayloadChange, use.ClassLocation, task, use.Handler.Name, "the task is not recorded yet"));
                    return;
                }
                var changes = ContractComparer.Against(entry.Contract, now);
                foreach (var change in changes.Where(c => c.IsBreaking))
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BreakingPayloadChange, use.ClassLocation, task, use.Handler.Name, change.Description));
                }
                var additive = changes.Where(c => !c.IsBreaking).Select(c => c.Description).ToList();
                if (additive.Count > 0)
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AdditivePayloadChange, use.ClassLocation, task, use.Handler.Name, string.Join("; ", additive)));
                }
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                if (unreadable is not null)
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContractUnreadable, Locate(file.Path, text, ContractJson.OffsetOf(unreadable)), unreadable.Message));
                    return;
                }
                foreach (var task in recorded.Where(t => !handled.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContractTaskRemoved, Locate(file.Path, text, task.Value.Position), task.Key));
                }
            });
        });
    }

    /// <summary>True for the project's <c>jobs.contracts.json</c>, whatever its folder.</summary>
    internal static bool IsContractFile(AdditionalText file) =>
        string.Equals(Path.GetFileName(file.Path), ContractJson.FileName, StringComparison.OrdinalIgnoreCase);

    private static Location Locate(string path, SourceText text, int position)
    {
        var at = Math.Max(0, Math.Min(position, text.Length));
        var span = new TextSpan(at, at < text.Length ? 1 : 0);
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }
}
