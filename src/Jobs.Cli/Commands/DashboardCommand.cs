using System.CommandLine;
using Jobs.Cli.Dashboard;
using Jobs.Cli.Database;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs dashboard</c>: the dashboard on its own web server, on this machine only unless told otherwise.</summary>
internal static class DashboardCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5180";

    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Show only the jobs of this database (tenant) id; default: every job.");
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, as ASP.NET Core's --urls (default {DefaultUrls}: this machine only; port 0 picks a free one)",
            DefaultValueFactory = _ => DefaultUrls,
        };

        var command = new JobsCommand("dashboard", "Serve the dashboard in a browser: overview, job list and job details",
            "Prints a URL with a one-time token: opening it signs that browser in (a cookie that lasts as\n"
            + "long as this process); anyone else gets 401. Stop with Ctrl+C.\n"
            + "\n"
            + "Exit codes: 0 stopped; 1 unreachable server, SQL error or address in use; 2 usage error.\n"
            + "\n"
            + "Examples:\n"
            + "  jobs dashboard\n"
            + "  jobs dashboard --urls http://0.0.0.0:8080   # other machines too; the token still guards it");
        foreach (var option in new Option[] { connection, schema, databaseId, urls })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "dashboard", cancellationToken).ConfigureAwait(false);
            StandaloneDashboard dashboard;
            try
            {
                var client = new JobsClient(session.DataSource, new JobsClientOptions { Schema = session.Schema.Value, DatabaseId = parseResult.GetValue(databaseId) });
                dashboard = await StandaloneDashboard.StartAsync(session.Admin, client, parseResult.GetValue(urls)!, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw CliException.Failure($"could not listen on {parseResult.GetValue(urls)}: {ex.Message}", ex);
            }
            await using (dashboard.ConfigureAwait(false))
            {
                await context.Out.WriteLineAsync($"Jobs dashboard: {dashboard.Url}").ConfigureAwait(false);
                await context.Out.WriteLineAsync("Open it in a browser (the token works once). Ctrl+C stops the server.").ConfigureAwait(false);
                await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                await dashboard.RunUntilCancelledAsync(cancellationToken).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
