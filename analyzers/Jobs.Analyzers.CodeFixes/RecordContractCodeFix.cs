using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jobs.Analyzers.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Jobs.Analyzers.CodeFixes;

/// <summary>
/// JOBS022: records in <c>jobs.contracts.json</c> the shape of every task whose change is
/// compatible (new tasks included). Entries with a breaking change (JOBS021) and tasks without a
/// handler (JOBS023) stay as they are: accepting a break is a deliberate edit of the file, never a
/// side effect of this fix. One action for the whole file, so fixing all is fixing one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RecordContractCodeFix)), Shared]
public sealed class RecordContractCodeFix : CodeFixProvider
{
    private const string Title = "Record compatible payload changes in jobs.contracts.json";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AdditivePayloadChange.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllInOne.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (ContractDocument(context.Document.Project) is not { } file)
        {
            return Task.CompletedTask;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(CodeAction.Create(Title, ct => RecordAsync(file, ct), nameof(RecordContractCodeFix)), diagnostic);
        }
        return Task.CompletedTask;
    }

    private static TextDocument? ContractDocument(Project project) =>
        project.AdditionalDocuments.FirstOrDefault(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), ContractJson.FileName, StringComparison.OrdinalIgnoreCase));

    private static async Task<Solution> RecordAsync(TextDocument file, CancellationToken cancellationToken)
    {
        var solution = file.Project.Solution;
        var compilation = await file.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var text = await file.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return solution;
        }
        Dictionary<string, TaskContract> recorded;
        try
        {
            recorded = ContractJson.Read(text.ToString()).ToDictionary(t => t.Key, t => t.Value.Contract, StringComparer.Ordinal);
        }
        catch (FormatException)
        {
            return solution; // JOBS024 says what to mend first
        }
        var updated = ContractUpdate.Apply(recorded, CurrentContracts.All(compilation, cancellationToken));
        return solution.WithAdditionalDocumentText(file.Id, SourceText.From(updated, text.Encoding));
    }

    /// <summary>Every diagnostic asks for the same rewrite of the one file: fixing all applies it once.</summary>
    private sealed class FixAllInOne : FixAllProvider
    {
        public static readonly FixAllInOne Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
            Task.FromResult(fixAllContext.Project is { } project && ContractDocument(project) is { } file
                ? CodeAction.Create(Title, ct => RecordAsync(file, ct), nameof(RecordContractCodeFix))
                : null);
    }
}
