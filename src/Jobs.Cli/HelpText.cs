using System.Text;

namespace Jobs.Cli;

/// <summary>Renders <c>jobs --help</c> and <c>jobs COMMAND --help</c> from the commands' own descriptions.</summary>
internal static class HelpText
{
    private const int OptionColumn = 26;

    /// <summary>The overview: usage, the commands, the global options and how the connection is found.</summary>
    public static string ForTool(IReadOnlyList<ICommand> commands)
    {
        var text = new StringBuilder()
            .AppendLine("jobs: the operator CLI of Jobs, background jobs for .NET on PostgreSQL's app_jobs schema.")
            .AppendLine()
            .AppendLine("Usage: jobs <command> [options]")
            .AppendLine("       jobs <command> --help")
            .AppendLine()
            .AppendLine("Commands:");
        var width = commands.Max(c => c.Name.Length) + 4;
        foreach (var command in commands)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).AppendLine(command.Summary);
        }
        return text
            .AppendLine()
            .AppendLine("Options:")
            .AppendLine("  -h, --help    Show this help")
            .AppendLine("  --version     Show the version")
            .AppendLine()
            .AppendLine("Every command that talks to PostgreSQL takes the connection from --connection, else")
            .AppendLine($"{ConnectionResolver.DatabaseUrlVariable}, else the libpq variables {string.Join(", ", ConnectionResolver.LibpqVariables)}.")
            .ToString();
    }

    /// <summary>The help of one command: usage line, description, options, epilog.</summary>
    public static string ForCommand(ICommand command)
    {
        var usage = string.Join(' ', command.Options.Select(o => $"[{o.Synopsis}]"));
        var text = new StringBuilder()
            .AppendLine($"Usage: jobs {command.Name} {usage}".TrimEnd())
            .AppendLine()
            .AppendLine(command.Description)
            .AppendLine()
            .AppendLine("Options:");
        foreach (var option in command.Options.Append(new OptionSpec("-h, --help", null, "Show this help")))
        {
            var lines = option.Description.Split('\n');
            var synopsis = "  " + option.Synopsis;
            text.Append(synopsis.PadRight(OptionColumn));
            if (synopsis.Length >= OptionColumn)
            {
                text.AppendLine().Append(new string(' ', OptionColumn));
            }
            text.AppendLine(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(new string(' ', OptionColumn)).AppendLine(line);
            }
        }
        return text.AppendLine().AppendLine(command.Epilog).ToString();
    }
}
