namespace Jobs.Cli;

/// <summary>An option a command accepts: a flag such as <c>--check</c>, or one taking a value such as <c>--schema &lt;name&gt;</c>.</summary>
/// <param name="Name">The option as typed, with its dashes: <c>--schema</c>.</param>
/// <param name="ValueName">What the value is called in help (<c>name</c>); null for a flag.</param>
/// <param name="Description">One or more lines of help.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    /// <summary>True when the option is followed by a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>The option as help shows it: <c>--schema &lt;name&gt;</c>.</summary>
    public string Synopsis => ValueName is null ? Name : $"{Name} <{ValueName}>";
}

/// <summary>
/// The options given to one command, parsed by hand against the command's <see cref="OptionSpec"/>s.
/// Accepts <c>--name value</c> and <c>--name=value</c>; rejects unknown options, repeated options,
/// missing values and stray arguments with a usage error.
/// </summary>
internal sealed class CommandLine
{
    /// <summary>The options that ask for help; every command accepts them.</summary>
    public static IReadOnlyList<string> HelpOptions { get; } = ["--help", "-h"];

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private CommandLine(Dictionary<string, string> values, HashSet<string> flags, bool helpRequested)
    {
        _values = values;
        _flags = flags;
        HelpRequested = helpRequested;
    }

    /// <summary>True when <c>--help</c> or <c>-h</c> was given; the other arguments are then not checked.</summary>
    public bool HelpRequested { get; }

    /// <summary>
    /// Parses <paramref name="arguments"/> (what follows the command's name) for the command
    /// <paramref name="command"/>, which accepts <paramref name="options"/>.
    /// </summary>
    /// <exception cref="CliException">A usage error, naming the offending argument.</exception>
    public static CommandLine Parse(string command, IReadOnlyList<string> arguments, IReadOnlyList<OptionSpec> options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);

        // Help wins over every other mistake on the line: someone asking for help gets it.
        // No value of ours starts with a dash, so a help token is never an option's value.
        if (arguments.Any(a => HelpOptions.Contains(a, StringComparer.Ordinal)))
        {
            return new CommandLine([], [], helpRequested: true);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith('-') || argument == "-")
            {
                throw CliException.Usage($"unexpected argument '{argument}' for 'jobs {command}'; run 'jobs {command} --help' for usage");
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : argument;
            var spec = options.FirstOrDefault(o => o.Name == name)
                ?? throw CliException.Usage($"unknown option '{name}' for 'jobs {command}'; run 'jobs {command} --help' for usage");
            if (values.ContainsKey(spec.Name) || flags.Contains(spec.Name))
            {
                throw CliException.Usage($"option '{spec.Name}' is given more than once");
            }

            if (!spec.TakesValue)
            {
                if (equals > 0)
                {
                    throw CliException.Usage($"option '{spec.Name}' takes no value");
                }
                flags.Add(spec.Name);
                continue;
            }

            string value;
            if (equals > 0)
            {
                value = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
            {
                value = arguments[++i];
            }
            else
            {
                throw CliException.Usage($"option '{spec.Name}' needs a value: {spec.Synopsis}");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                throw CliException.Usage($"option '{spec.Name}' needs a non-empty value: {spec.Synopsis}");
            }
            values.Add(spec.Name, value);
        }
        return new CommandLine(values, flags, helpRequested: false);
    }

    /// <summary>The value given for <paramref name="option"/>, or null when it was not given.</summary>
    public string? Value(OptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return _values.GetValueOrDefault(option.Name);
    }

    /// <summary>True when the flag <paramref name="option"/> was given.</summary>
    public bool Has(OptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return _flags.Contains(option.Name);
    }
}
