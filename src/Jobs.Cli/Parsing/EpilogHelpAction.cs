using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Jobs.Cli.Parsing;

/// <summary>System.CommandLine's help, followed by the command's <see cref="JobsCommand.Epilog"/> (exit codes and examples), or the tool's own for <c>jobs --help</c>.</summary>
internal sealed class EpilogHelpAction(HelpAction help, string rootEpilog) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        help.Invoke(parseResult);
        var epilog = parseResult.CommandResult.Command switch
        {
            JobsCommand command => command.Epilog,
            RootCommand => rootEpilog,
            _ => "",
        };
        if (epilog.Length > 0)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(epilog);
            parseResult.InvocationConfiguration.Output.WriteLine();
        }
        return ExitCodes.Success;
    }
}
