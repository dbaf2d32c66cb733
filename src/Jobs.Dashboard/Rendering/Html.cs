using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Jobs.Dashboard.Rendering;

/// <summary>Builds <see cref="HtmlFragment"/>s from interpolated strings: the literal parts are markup, every hole is text.</summary>
public static class Html
{
    /// <summary>
    /// <paramref name="text"/> as element content or a quoted attribute value: the five characters
    /// HTML gives meaning to there (&amp; &lt; &gt; " ') become references; everything else, line
    /// breaks and every script's letters included, stays as it is and reads as it is.
    /// </summary>
    public static string Encode(string text)
    {
        var first = text.AsSpan().IndexOfAny("&<>\"'");
        if (first < 0)
        {
            return text;
        }
        var encoded = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }
        return encoded.ToString();
    }

    /// <summary>The template's literal parts as markup; each hole HTML-encoded, unless it is an <see cref="HtmlFragment"/>.</summary>
    public static HtmlFragment Of(Builder template) => template.ToFragment();

    /// <summary>The fragments one after another.</summary>
    public static HtmlFragment Join(IEnumerable<HtmlFragment> fragments)
    {
        var markup = new StringBuilder();
        foreach (var fragment in fragments)
        {
            markup.Append(fragment.Markup);
        }
        return new HtmlFragment(markup.ToString());
    }

    /// <summary><paramref name="fragment"/> when <paramref name="condition"/> holds, otherwise nothing.</summary>
    public static HtmlFragment If(bool condition, HtmlFragment fragment) => condition ? fragment : HtmlFragment.Empty;

    /// <summary>Collects a template: literals as they are, holes encoded.</summary>
    [InterpolatedStringHandler]
    public ref struct Builder
    {
        private readonly StringBuilder _markup;

        /// <summary>Starts a template of about <paramref name="literalLength"/> characters and <paramref name="formattedCount"/> holes.</summary>
        public Builder(int literalLength, int formattedCount) => _markup = new StringBuilder(literalLength + formattedCount * 16);

        /// <summary>A literal part: markup written by this assembly.</summary>
        public readonly void AppendLiteral(string literal) => _markup.Append(literal);

        /// <summary>A fragment: already safe.</summary>
        public readonly void AppendFormatted(HtmlFragment fragment) => _markup.Append(fragment.Markup);

        /// <summary>Any other value: its invariant text, encoded for an element or a quoted attribute.</summary>
        public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

        /// <summary>Any other value with a format: its invariant text, encoded.</summary>
        public readonly void AppendFormatted<T>(T value, string? format)
        {
            var text = value switch
            {
                null => "",
                IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            _markup.Append(Encode(text));
        }

        internal readonly HtmlFragment ToFragment() => new(_markup.ToString());
    }
}
