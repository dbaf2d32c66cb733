using System.Globalization;
using System.Text;
using Jobs.Generators.Model;

namespace Jobs.Generators;

/// <summary>
/// System.Text.Json's naming policies, ported: the generated names must equal what
/// <c>JsonNamingPolicy.SnakeCaseLower</c> and friends produce (a test checks it on random names).
/// </summary>
internal static class JsonNames
{
    public static string Convert(string name, JobsNamingPolicy policy) => policy switch
    {
        JobsNamingPolicy.SnakeCaseLower => Separated(name, '_', lowercase: true),
        JobsNamingPolicy.SnakeCaseUpper => Separated(name, '_', lowercase: false),
        JobsNamingPolicy.KebabCaseLower => Separated(name, '-', lowercase: true),
        JobsNamingPolicy.KebabCaseUpper => Separated(name, '-', lowercase: false),
        JobsNamingPolicy.CamelCase => CamelCase(name),
        _ => name,
    };

    private enum SeparatorState
    {
        NotStarted,
        UppercaseLetter,
        LowercaseLetterOrDigit,
        SpaceSeparator,
    }

    // JsonSeparatorNamingPolicy.ConvertNameCore.
    private static string Separated(string name, char separator, bool lowercase)
    {
        var result = new StringBuilder(name.Length + 8);
        var state = SeparatorState.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    switch (state)
                    {
                        case SeparatorState.LowercaseLetterOrDigit:
                        case SeparatorState.SpaceSeparator:
                            result.Append(separator);
                            break;
                        case SeparatorState.UppercaseLetter:
                            if (i + 1 < name.Length && char.IsLower(name[i + 1]))
                            {
                                result.Append(separator);
                            }
                            break;
                    }
                    result.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = SeparatorState.UppercaseLetter;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == SeparatorState.SpaceSeparator)
                    {
                        result.Append(separator);
                    }
                    result.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = SeparatorState.LowercaseLetterOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != SeparatorState.NotStarted)
                    {
                        state = SeparatorState.SpaceSeparator;
                    }
                    break;
                default:
                    result.Append(current);
                    state = SeparatorState.NotStarted;
                    break;
            }
        }
        return result.ToString();
    }

    // JsonCamelCaseNamingPolicy.
    private static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }
}
