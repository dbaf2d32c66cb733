namespace Jobs.Cli.Output;

/// <summary>ANSI colours that are applied only when <see cref="Enabled"/>; otherwise text passes through unchanged.</summary>
internal sealed class Palette(bool enabled)
{
    /// <summary>True when colour codes are written.</summary>
    public bool Enabled { get; } = enabled;

    public string Bold(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    public string Red(string text) => Wrap("31", text);

    public string Green(string text) => Wrap("32", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Cyan(string text) => Wrap("36", text);

    /// <summary>A state name in the colour that tells it apart at a glance.</summary>
    public string State(string state) => state switch
    {
        "ready" => Green(state),
        "running" => Cyan(state),
        "retrying" => Yellow(state),
        "failed" => Red(state),
        _ => state,
    };

    private string Wrap(string code, string text) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
