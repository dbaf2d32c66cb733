using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Jobs.Analyzers.CodeFixes;

/// <summary>Small helpers the code fixes share.</summary>
internal static class Syntax
{
    /// <summary><c>global::Acme.Mail.Args</c> → <c>Args</c>, for a code action's title.</summary>
    public static string ShortName(string fullyQualified)
    {
        var name = fullyQualified.Replace("global::", "");
        var generic = name.IndexOf('<');
        var head = generic < 0 ? name : name.Substring(0, generic);
        var dot = head.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(dot + 1);
    }

    /// <summary>The document's line break, so inserted lines match the file.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        var existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.EndOfLine(existing.ToString()) : SyntaxFactory.EndOfLine("\n");
    }

    /// <summary>The whitespace that starts the line <paramref name="token"/> is on.</summary>
    public static SyntaxTriviaList Indentation(SyntaxToken token)
    {
        var leading = token.LeadingTrivia;
        var start = leading.Count;
        while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            start--;
        }
        return SyntaxFactory.TriviaList(leading.Skip(start));
    }

    /// <summary>
    /// <paramref name="declaration"/> with <paramref name="attribute"/> in a list of its own: after
    /// the last attribute list, on a line of its own at the same indentation; or, with none, above
    /// the modifiers, the declaration's leading trivia (comments, indentation) moving onto the new line.
    /// </summary>
    public static ClassDeclarationSyntax WithAttribute(ClassDeclarationSyntax declaration, AttributeSyntax attribute, SyntaxNode root)
    {
        var endOfLine = EndOfLine(root);
        var firstToken = declaration.GetFirstToken();
        var indentation = Indentation(firstToken);
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(endOfLine);
        if (declaration.AttributeLists.Count > 0)
        {
            return declaration.WithAttributeLists(declaration.AttributeLists.Add(list.WithLeadingTrivia(indentation)));
        }
        return declaration
            .ReplaceToken(firstToken, firstToken.WithLeadingTrivia(indentation))
            .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(firstToken.LeadingTrivia)));
    }
}
