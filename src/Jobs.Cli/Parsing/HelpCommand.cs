using System.CommandLine;

namespace Jobs.Cli.Parsing;

/// <summary><c>jobs help [command...]</c>, as git and dotnet accept it: the same text as <c>jobs [command...] --help</c>.</summary>
internal static class HelpCommand
{
    public static Command Create(Command root, InvocationConfiguration invocation)
    {
        var names = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "The command to describe." };
        var help = new Command("help", "Show the help of the tool or of a command") { Hidden = true };
        help.Arguments.Add(names);
        help.SetAction(parseResult =>
        {
            string[] words = [.. parseResult.GetValue(names) ?? [], "--help"];
            var target = root.Parse(words, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (target.UnmatchedTokens.Count > 0)
            {
                throw CliException.Usage(UsageErrors.Describe(target, words));
            }
            return target.Invoke(invocation);
        });
        return help;
    }
}
