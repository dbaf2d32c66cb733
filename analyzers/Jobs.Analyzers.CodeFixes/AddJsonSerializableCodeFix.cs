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

/// <summary>JOBS008: adds <c>[JsonSerializable(typeof(T))]</c> to the assembly's JsonSerializerContext.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix)), Shared]
public sealed class AddJsonSerializableCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ContextMissingType.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(JobPayloadAnalyzer.TypeNameProperty, out var typeName) || typeName is null
                || diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } contextLocation
                || context.Document.Project.Solution.GetDocument(tree) is not { } contextDocument)
            {
                continue;
            }
            var shortName = diagnostic.Properties.TryGetValue(JobPayloadAnalyzer.ShortTypeNameProperty, out var given) && given is not null ? given : Syntax.ShortName(typeName);
            var title = "Add [JsonSerializable(typeof(" + shortName + "))] to the context";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddAsync(contextDocument, contextLocation, typeName, ct), nameof(AddJsonSerializableCodeFix) + typeName),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Solution> AddAsync(Document document, Location location, string typeName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
        {
            return document.Project.Solution;
        }

        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(typeName))))))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var updated = Syntax.WithAttribute(declaration, attribute, root);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)).Project.Solution;
    }
}
