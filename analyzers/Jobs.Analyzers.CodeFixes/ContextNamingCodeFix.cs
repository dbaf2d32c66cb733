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
/// JOBS018: sets the context's <c>[JsonSourceGenerationOptions(PropertyNamingPolicy = ...)]</c> (or
/// <c>DictionaryKeyPolicy</c>) to match the assembly, editing the attribute when there is one (its
/// other arguments kept) and adding it otherwise.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ContextNamingCodeFix)), Shared]
public sealed class ContextNamingCodeFix : CodeFixProvider
{
    private const string OptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ContextNamingMismatch.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(JobPayloadAnalyzer.OptionProperty, out var option) || option is null
                || !diagnostic.Properties.TryGetValue(JobPayloadAnalyzer.PolicyProperty, out var policy) || policy is null
                || diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } contextLocation
                || context.Document.Project.Solution.GetDocument(tree) is not { } contextDocument)
            {
                continue;
            }
            var title = "Set the context's " + option + " to JsonKnownNamingPolicy." + policy;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => SetAsync(contextDocument, contextLocation, option, policy, ct), nameof(ContextNamingCodeFix) + option + policy),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Solution> SetAsync(Document document, Location location, string option, string policy, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration || model is null)
        {
            return document.Project.Solution;
        }

        var value = SyntaxFactory.ParseExpression("global::System.Text.Json.Serialization.JsonKnownNamingPolicy." + policy)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var optionsAttribute = model.Compilation.GetTypeByMetadataName(OptionsAttribute);
        var existing = declaration.AttributeLists
            .SelectMany(list => list.Attributes)
            .FirstOrDefault(attribute => optionsAttribute is not null
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType, optionsAttribute));

        SyntaxNode updatedRoot;
        if (existing is not null)
        {
            var arguments = existing.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var named = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == option);
            var newArguments = named is not null
                ? arguments.ReplaceNode(named, named.WithExpression(value.WithTriviaFrom(named.Expression)))
                : arguments.AddArguments(NamedArgument(option, value));
            updatedRoot = root.ReplaceNode(existing, existing.WithArgumentList(newArguments));
        }
        else
        {
            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSourceGenerationOptions"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(NamedArgument(option, value))))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            var updated = Syntax.WithAttribute(declaration, attribute, root);
            updatedRoot = root.ReplaceNode(declaration, updated);
        }
        return document.WithSyntaxRoot(updatedRoot).Project.Solution;
    }

    private static AttributeArgumentSyntax NamedArgument(string name, ExpressionSyntax value) =>
        SyntaxFactory.AttributeArgument(value)
            .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
}
