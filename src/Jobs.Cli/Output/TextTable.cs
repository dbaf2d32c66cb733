using System.Text;

namespace Jobs.Cli.Output;

/// <summary>
/// A table for people: a header and left-aligned columns padded to their widest cell. Widths are
/// measured on the plain text, then each cell may be coloured, so colour codes never skew the columns.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly Dictionary<int, Func<string, string>> _colors = [];

    public int RowCount => _rows.Count;

    public TextTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>Colours the cells of <paramref name="column"/> with <paramref name="color"/> (after padding is worked out).</summary>
    public TextTable Color(int column, Func<string, string> color)
    {
        _colors[column] = color;
        return this;
    }

    public Task WriteAsync(TextWriter output, Palette palette)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Append(text, headers, widths, (_, cell) => palette.Bold(cell));
        foreach (var row in _rows)
        {
            Append(text, row, widths, (i, cell) => _colors.TryGetValue(i, out var color) ? color(cell) : cell);
        }
        return output.WriteAsync(text.ToString());
    }

    private static void Append(StringBuilder text, string[] cells, int[] widths, Func<int, string, string> color)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            text.Append(color(i, cells[i]));
            if (!last)
            {
                text.Append(' ', widths[i] - cells[i].Length + 2);
            }
        }
        text.Append('\n');
    }
}
