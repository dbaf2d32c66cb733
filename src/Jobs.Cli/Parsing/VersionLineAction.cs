using System.CommandLine;
using System.CommandLine.Invocation;

namespace Jobs.Cli.Parsing;

/// <summary><c>jobs --version</c>: the tool's release and the schema version it installs (<see cref="Cli.VersionLine"/>).</summary>
internal sealed class VersionLineAction : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Cli.VersionLine);
        return ExitCodes.Success;
    }
}
