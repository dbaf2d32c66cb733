using System.CommandLine;
using System.CommandLine.Help;
using Jobs.Cli.Commands;
using Jobs.Cli.Commands.Actions;

namespace Jobs.Cli.Parsing;

/// <summary>Builds the <c>jobs</c> command and its subcommands for one run, their actions bound to that run's <see cref="CliContext"/>.</summary>
internal static class CommandTree
{
    public static Command Build(CliContext context, InvocationConfiguration invocation)
    {
        // A plain command rather than RootCommand, whose name is the executable's (testhost, Jobs.Cli).
        var root = new JobsCommand("jobs",
            "The operator CLI of Jobs, background jobs for .NET on PostgreSQL's app_jobs schema.",
            "Every command that talks to PostgreSQL takes the connection from --connection, else\n"
            + $"{ConnectionResolver.DatabaseUrlVariable}, else the libpq variables {string.Join(", ", ConnectionResolver.LibpqVariables)}.\n"
            + "A password is never printed.\n"
            + "\n"
            + "Exit codes: 0 ok; 1 runtime failure (unreachable server, SQL error, job not found);\n"
            + "2 usage error; 3 'migrate --check' advises action; 130 cancelled.\n"
            + "Colours are used only on a terminal, and never when NO_COLOR is set.");
        var helpOption = new HelpOption();
        // Wide enough for the options' descriptions, narrow enough to read in any terminal.
        helpOption.Action = new EpilogHelpAction(new HelpAction { MaxWidth = 110 });
        root.Options.Add(helpOption);
        root.Options.Add(new VersionOption { Action = new VersionLineAction() });

        root.Subcommands.Add(MigrateCommand.Create(context));
        root.Subcommands.Add(GrantsCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(EnqueueCommand.Create(context));
        foreach (var action in JobActions.Create())
        {
            root.Subcommands.Add(JobActionCommand.Create(action, context));
        }
        root.Subcommands.Add(WorkersCommand.Create(context));
        root.Subcommands.Add(HelpCommand.Create(root, invocation));

        root.SetAction((Func<ParseResult, int>)(_ => throw CliException.Usage("no command given; run 'jobs --help' for the list of commands")));
        return root;
    }
}
