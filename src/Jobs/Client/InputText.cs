using System.Text;

namespace Jobs;

/// <summary>
/// Checks on text a caller hands in (task names, queues, keys, filters) and the form it takes when
/// an error message repeats it. PostgreSQL text can hold neither NUL nor a lone surrogate, and it
/// counts characters as code points, so the checks here do the same.
/// </summary>
internal static class InputText
{
    /// <summary>How much of a caller's value an error message repeats, in characters.</summary>
    public const int EchoCharacters = 64;

    /// <summary>The characters PostgreSQL's <c>length()</c> counts: code points, so an emoji is one, not two UTF-16 units.</summary>
    /// <remarks>Only meaningful once <see cref="Check"/> passed: a lone surrogate would count as one.</remarks>
    public static int CharacterCount(string value)
    {
        var count = value.Length;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (char.IsSurrogatePair(value[i], value[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    /// <summary>
    /// Refuses NUL (PostgreSQL text cannot store it: SQLSTATE 22021) and lone surrogates (not
    /// Unicode, so they have no UTF-8 form), naming <paramref name="what"/> and where.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds either.</exception>
    public static void Check(string value, string what, string parameterName)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                throw new ArgumentException($"{what} contains NUL (U+0000) at index {i}; PostgreSQL text cannot hold it.", parameterName);
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(LoneSurrogate(what, c, i), parameterName);
            }
        }
    }

    /// <summary>The index of the first surrogate in <paramref name="value"/> that is not half of a pair, or -1.</summary>
    public static int FindLoneSurrogate(ReadOnlySpan<char> value)
    {
        // Vectorized, so text without any surrogate (nearly all text) costs one quick pass.
        var i = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The words every refusal of a lone surrogate uses.</summary>
    public static string LoneSurrogate(string what, char surrogate, int index) =>
        $"{what} contains a lone surrogate (U+{(int)surrogate:X4}) at index {index}; it is not valid Unicode and has no UTF-8 form.";

    /// <summary>
    /// <paramref name="value"/> as an error message repeats it: whole when short, else its first
    /// <see cref="EchoCharacters"/> characters then <c>…(N characters)</c>, so a 100 KB argument does
    /// not become a 100 KB message. Control characters (NUL among them) are shown as <c>\uXXXX</c>.
    /// </summary>
    public static string Echo(string value)
    {
        var total = CharacterCount(value);
        var text = new StringBuilder(Math.Min(value.Length, EchoCharacters * 2) + 24);
        var shown = 0;
        for (var i = 0; i < value.Length && shown < EchoCharacters; i++, shown++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append($"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }
        return shown < total ? text.Append($"…({total} characters)").ToString() : text.ToString();
    }
}
