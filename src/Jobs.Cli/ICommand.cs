namespace Jobs.Cli;

/// <summary>What a command sees of the outside world: its output streams and the environment variables.</summary>
/// <param name="Out">Where results go (stdout).</param>
/// <param name="Error">Where errors go (stderr).</param>
/// <param name="Environment">The environment variables, read only through here.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment);

/// <summary>One <c>jobs</c> subcommand: its name, its help, its options, and what it does.</summary>
internal interface ICommand
{
    /// <summary>The word that selects it: <c>migrate</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list in <c>jobs --help</c>.</summary>
    string Summary { get; }

    /// <summary>The paragraphs of <c>jobs NAME --help</c> between the usage line and the options.</summary>
    string Description { get; }

    /// <summary>The options it accepts, besides <c>--help</c>.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Lines printed after the options in its help (exit codes, examples).</summary>
    string Epilog { get; }

    /// <summary>Runs the command and returns the exit code; reports expected errors by throwing <see cref="CliException"/>.</summary>
    Task<int> RunAsync(CommandLine commandLine, CliContext context, CancellationToken cancellationToken);
}
