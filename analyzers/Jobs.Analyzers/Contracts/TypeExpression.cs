using System;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// A type as a contract writes it: a scalar keyword (<c>int32</c>, <c>string</c>, <c>uuid</c>, …),
/// <c>enum(int32)</c> for an enum written as a number, a named type's label, <c>external(T)</c> for
/// a type the application's JsonSerializerContext writes, then any of <c>[]</c> (an array or list),
/// <c>{}</c> (a string-keyed dictionary) and <c>?</c> (null accepted), innermost first:
/// <c>Address?[]?</c> is a nullable list of nullable addresses.
/// </summary>
public sealed record TypeExpression(string Base, TypeExpression? Element, char Container, bool IsNullable)
{
    /// <summary>A collection's (<c>[]</c>) or dictionary's (<c>{}</c>) marker; '\0' for a base type.</summary>
    public const char None = '\0';

    public static TypeExpression Parse(string text)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            throw new FormatException("an empty type");
        }
        var nullable = value.EndsWith("?", StringComparison.Ordinal);
        if (nullable)
        {
            value = value.Substring(0, value.Length - 1);
        }
        if (value.EndsWith("[]", StringComparison.Ordinal) || value.EndsWith("{}", StringComparison.Ordinal))
        {
            return new TypeExpression("", Parse(value.Substring(0, value.Length - 2)), value[value.Length - 2], nullable);
        }
        if (value.Length == 0 || value.IndexOfAny(['?', '[', ']', '{', '}', ' ']) >= 0)
        {
            throw new FormatException($"'{text}' is not a type");
        }
        return new TypeExpression(value, null, None, nullable);
    }

    public override string ToString() =>
        (Element is null ? Base : Element + (Container == '[' ? "[]" : "{}")) + (IsNullable ? "?" : "");

    /// <summary>The same type, not nullable.</summary>
    public TypeExpression NotNullable => this with { IsNullable = false };
}
