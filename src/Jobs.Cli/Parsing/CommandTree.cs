using System.CommandLine;
using System.CommandLine.Help;
using Jobs.Cli.Commands;
using Jobs.Cli.Commands.Actions;

namespace Jobs.Cli.Parsing;

/// <summary>Builds the <c>jobs</c> command and its subcommands for one run, their actions bound to that run's <see cref="CliContext"/>.</summary>
internal static class CommandTree
{
    // Printed after the tool's own help.
    private const string RootEpilog =
        "Every command that talks to PostgreSQL takes the connection from --connection, else\n"
        + $"{ConnectionResolver.DatabaseUrlVariable}, else the libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.\n"
        + "A password is never printed.\n"
        + "\n"
        + "Exit codes: 0 ok; 1 runtime failure (unreachable server, SQL error, job not found);\n"
        + "2 usage error; 3 'migrate --check' advises action; 130 cancelled.\n"
        + "Colours are used only on a terminal, and never when NO_COLOR is set.\n"
        + "Shell completion: dotnet-suggest (https://aka.ms/dotnet-suggest) through the [suggest] directive.";

    public static Command Build(CliContext context, InvocationConfiguration invocation)
    {
        // RootCommand brings the [suggest] directive shell completion uses; HelpName keeps help saying
        // "jobs" whatever the executable is called (Jobs.Cli, testhost).
        var root = new RootCommand("The operator CLI of Jobs, background jobs for .NET on PostgreSQL's app_jobs schema.") { HelpName = "jobs" };
        foreach (var option in root.Options)
        {
            option.Action = option switch
            {
                HelpOption => new EpilogHelpAction(new HelpAction { MaxWidth = 110 }, RootEpilog),
                VersionOption => new VersionLineAction(),
                _ => option.Action,
            };
        }

        root.Subcommands.Add(MigrateCommand.Create(context));
        root.Subcommands.Add(GrantsCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(EnqueueCommand.Create(context));
        foreach (var action in JobActions.Create())
        {
            root.Subcommands.Add(JobActionCommand.Create(action, context));
        }
        root.Subcommands.Add(WorkersCommand.Create(context));
        root.Subcommands.Add(QueuesCommand.Create(context));
        root.Subcommands.Add(SchedulesCommand.Create(context));
        root.Subcommands.Add(DashboardCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(BenchWorkerCommand.Create(context));
        root.Subcommands.Add(HelpCommand.Create(root, invocation));

        root.SetAction((Func<ParseResult, int>)(_ => throw CliException.Usage("no command given; run 'jobs --help' for the list of commands")));
        return root;
    }
}
