using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Jobs.Analyzers.CodeFixes;

/// <summary>
/// JOBS005: removes <c>abstract</c> from a handler, or makes a private, protected or file-local
/// handler <c>internal</c>. Generic handlers, records and handlers hidden by an enclosing type
/// have no single obvious fix and get none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandlerDeclarationCodeFix)), Shared]
public sealed class HandlerDeclarationCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnsupportedHandlerDeclaration.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(JobHandlerAnalyzer.FixProperty, out var fix)
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }
            if (fix == JobHandlerAnalyzer.RemoveAbstract)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove 'abstract'", ct => ReplaceAsync(context.Document, declaration, RemoveAbstract(declaration), ct), JobHandlerAnalyzer.RemoveAbstract),
                    diagnostic);
            }
            else if (fix == JobHandlerAnalyzer.MakeInternal)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Make '" + declaration.Identifier.ValueText + "' internal", ct => ReplaceAsync(context.Document, declaration, MakeInternal(declaration), ct), JobHandlerAnalyzer.MakeInternal),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode declaration, SyntaxNode updated, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(declaration, updated));
    }

    private static ClassDeclarationSyntax RemoveAbstract(ClassDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        var index = modifiers.IndexOf(SyntaxKind.AbstractKeyword);
        if (index < 0)
        {
            return declaration;
        }
        var removed = modifiers[index];
        modifiers = modifiers.RemoveAt(index);
        if (index == 0)
        {
            // The first modifier carries the declaration's indentation: hand it on.
            if (modifiers.Count > 0)
            {
                modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(removed.LeadingTrivia));
            }
            else
            {
                return declaration.WithModifiers(modifiers).WithKeyword(declaration.Keyword.WithLeadingTrivia(removed.LeadingTrivia));
            }
        }
        return declaration.WithModifiers(modifiers);
    }

    private static ClassDeclarationSyntax MakeInternal(ClassDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        var hiding = modifiers.Where(IsHiding).ToList();
        if (hiding.Count > 0)
        {
            var first = hiding[0];
            var index = modifiers.IndexOf(first);
            var replacement = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.InternalKeyword, hiding[hiding.Count - 1].TrailingTrivia);
            var kept = modifiers.Where(m => !IsHiding(m)).ToList();
            kept.Insert(index, replacement);
            return declaration.WithModifiers(SyntaxFactory.TokenList(kept));
        }

        // No accessibility written: a nested class is private by default.
        if (modifiers.Count > 0)
        {
            var first = modifiers[0];
            var added = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.InternalKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithModifiers(modifiers.Replace(first, first.WithLeadingTrivia()).Insert(0, added));
        }
        var keyword = declaration.Keyword;
        var token = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.InternalKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(token));
    }

    private static bool IsHiding(SyntaxToken modifier) =>
        modifier.IsKind(SyntaxKind.PrivateKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.ValueText == "file";
}
