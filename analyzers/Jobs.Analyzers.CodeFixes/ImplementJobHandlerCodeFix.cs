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
using Microsoft.CodeAnalysis.Simplification;

namespace Jobs.Analyzers.CodeFixes;

/// <summary>
/// JOBS003: adds <c>IJobHandler&lt;T&gt;</c> to a [JobTask] class that already has the method,
/// <c>public Task HandleAsync(T, JobContext, CancellationToken)</c>, so T is known.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ImplementJobHandlerCodeFix)), Shared]
public sealed class ImplementJobHandlerCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingHandlerInterface.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(JobHandlerAnalyzer.ArgsTypeProperty, out var argsType) || argsType is null
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }
            var title = "Implement IJobHandler<" + Syntax.ShortName(argsType) + ">";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => ImplementAsync(context.Document, declaration, argsType, cancellationToken), nameof(ImplementJobHandlerCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ImplementAsync(Document document, ClassDeclarationSyntax declaration, string argsType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var baseType = SyntaxFactory.SimpleBaseType(
            SyntaxFactory.ParseTypeName("global::Jobs.IJobHandler<" + argsType + ">").WithAdditionalAnnotations(Simplifier.Annotation));

        ClassDeclarationSyntax updated;
        if (declaration.BaseList is { } baseList)
        {
            updated = declaration.WithBaseList(baseList.WithTypes(baseList.Types.Add(baseType)));
        }
        else
        {
            // "class X\n{" becomes "class X : IJobHandler<T>\n{": the line break moves behind the base list.
            var last = declaration.TypeParameterList?.GetLastToken() ?? declaration.Identifier;
            var colon = SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space);
            var newList = SyntaxFactory.BaseList(colon, SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(baseType)).WithTrailingTrivia(last.TrailingTrivia);
            updated = declaration
                .ReplaceToken(last, last.WithTrailingTrivia())
                .WithBaseList(newList);
        }
        return document.WithSyntaxRoot(root!.ReplaceNode(declaration, updated));
    }
}
