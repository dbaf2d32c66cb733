using Jobs.Cli.Output;

namespace Jobs.Cli;

/// <summary>What a command sees of the outside world: its streams, whether they are terminals, and the environment variables.</summary>
/// <param name="Out">Where results go (stdout).</param>
/// <param name="Error">Where errors, prompts and progress go (stderr).</param>
/// <param name="In">Where answers to a confirmation prompt come from (stdin).</param>
/// <param name="InputIsTerminal">True when a person can answer a prompt on <paramref name="In"/>.</param>
/// <param name="OutputIsTerminal">True when <paramref name="Out"/> is a terminal, so colours may be used.</param>
/// <param name="Environment">The environment variables, read only through here.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is a terminal, so a progress bar may be drawn there.</param>
internal sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool InputIsTerminal,
    bool OutputIsTerminal,
    IReadOnlyDictionary<string, string?> Environment,
    bool ErrorIsTerminal = false)
{
    /// <summary>Colours for <see cref="Out"/>: only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public Palette Colors { get; } = new(OutputIsTerminal
        && !(Environment.TryGetValue("NO_COLOR", out var noColor) && !string.IsNullOrEmpty(noColor)));
}
