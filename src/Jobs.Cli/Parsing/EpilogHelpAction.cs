using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Jobs.Cli.Parsing;

/// <summary>System.CommandLine's help, followed by the command's <see cref="JobsCommand.Epilog"/> (exit codes and examples).</summary>
internal sealed class EpilogHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is JobsCommand { Epilog.Length: > 0 } command)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(command.Epilog);
            parseResult.InvocationConfiguration.Output.WriteLine();
        }
        return ExitCodes.Success;
    }
}
