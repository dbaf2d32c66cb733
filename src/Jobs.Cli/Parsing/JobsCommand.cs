using System.CommandLine;

namespace Jobs.Cli.Parsing;

/// <summary>A <c>jobs</c> command: a System.CommandLine command with the lines its help prints after the options (exit codes, examples).</summary>
internal sealed class JobsCommand(string name, string description, string epilog) : Command(name, description)
{
    /// <summary>Printed after the options in <c>--help</c>.</summary>
    public string Epilog { get; } = epilog;

    /// <summary>The command as typed: <c>jobs workers unlock</c>.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current is RootCommand ? "jobs" : current.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
