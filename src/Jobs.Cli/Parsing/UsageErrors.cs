using System.CommandLine;

namespace Jobs.Cli.Parsing;

/// <summary>
/// Turns what System.CommandLine could not parse into the tool's one-line usage error, naming the
/// offending argument and the help to read: its own messages span lines and suggest typos.
/// </summary>
internal static class UsageErrors
{
    // What the tool itself accepts before a command; every other option belongs after one.
    private static readonly string[] RootOptions = ["-h", "-?", "--help", "--version"];

    /// <summary>The one usage error for <paramref name="parseResult"/>, which has errors.</summary>
    public static string Describe(ParseResult parseResult, IReadOnlyList<string> args)
    {
        var command = parseResult.CommandResult.Command;
        var path = JobsCommand.PathOf(command);
        var help = $"run '{path} --help' for usage";
        var isRoot = command.Parents.FirstOrDefault() is null;

        // An option before the command ("jobs --connection x migrate"): say where options go.
        if (args.Count > 0 && args[0].StartsWith('-') && !RootOptions.Contains(args[0]))
        {
            return $"unknown option '{args[0]}'; options go after the command, as in 'jobs migrate --connection ...'; {help}";
        }
        if (parseResult.UnmatchedTokens.FirstOrDefault() is { } token)
        {
            if (token.StartsWith('-') && token != "-")
            {
                var name = token.Split('=', 2)[0];
                return $"unknown option '{name}' for '{path}'; {help}";
            }
            if (isRoot || command.Subcommands.Count > 0)
            {
                var names = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                return $"unknown command '{token}'; the commands are: {names}; {help}";
            }
            return $"unexpected argument '{token}' for '{path}'; {help}";
        }
        var message = parseResult.Errors[0].Message.TrimEnd('.');
        return $"{message}; {help}";
    }
}
