using System;
using System.Text;

namespace Jobs.Generators;

/// <summary>An indenting text writer over a StringBuilder, as dotnet/runtime's generators use.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="line"/> and an opening brace, then indents.</summary>
    public void OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indent++;
    }

    /// <summary>Unindents and writes a closing brace with an optional suffix (<c>;</c>, <c>)</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent = Math.Max(0, _indent - 1);

    public override string ToString() => _text.ToString();
}
