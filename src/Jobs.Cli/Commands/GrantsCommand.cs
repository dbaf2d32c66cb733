using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Parsing;
using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs grants --role &lt;name&gt; --for client|worker|scheduler|admin [--schema] [--connection] [--apply]</c>:
/// prints the least privileges a component needs (<see cref="RoleGrants"/>), or applies them in one
/// transaction.
/// </summary>
internal static class GrantsCommand
{
    public static Command Create(CliContext context)
    {
        var role = CommonOptions.NonEmpty(new Option<string>("--role") { HelpName = "name", Description = "The role to grant to (required). It must exist for --apply." });
        var component = CommonOptions.NonEmpty(new Option<string>("--for") { HelpName = "component", Description = "What the role runs (required): client, worker, scheduler or admin." });
        var schema = CommonOptions.Schema("Schema to grant on");
        var connection = CommonOptions.Connection();
        var apply = new Option<bool>("--apply") { Description = "Run the statements, in one transaction, instead of printing them." };

        var command = new JobsCommand("grants", "Print (or --apply) the least privileges a client, worker, scheduler or admin role needs",
            "Prints the GRANT statements that give a role exactly what one component of Jobs needs, and no\n"
            + "more: schema usage, the table privileges its SQL and the schema's triggers use, and EXECUTE on\n"
            + "the functions it calls (PUBLIC has EXECUTE unless it was revoked; granting it keeps the role\n"
            + "working either way). With --connection (or --apply) the statements follow the deployed\n"
            + "schema's shape, and a worker's or admin's include the history of completed jobs where it\n"
            + "is installed (jobs migrate --history); without, they are those of Jobs' installer and\n"
            + "@pgpm/database-jobs 0.16.\n"
            + "Run them as the schema's owner.\n"
            + "\n"
            + "Exit codes:\n"
            + "  0  printed, or applied\n"
            + "  1  failed: unreachable server, refused login, unknown role, SQL error (nothing applied)\n"
            + "  2  usage error: missing --role or --for, unknown component, invalid name, no connection\n"
            + "\n"
            + "Examples:\n"
            + "  jobs grants --role app_worker --for worker\n"
            + "  jobs grants --role app_web --for client --connection \"Host=db;Database=app;Username=owner\" --apply");
        command.Options.Add(role);
        command.Options.Add(component);
        command.Options.Add(schema);
        command.Options.Add(connection);
        command.Options.Add(apply);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context,
            parseResult.GetValue(role), parseResult.GetValue(component), parseResult.GetValue(schema),
            parseResult.GetValue(connection), parseResult.GetValue(apply), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? roleOption, string? componentOption, string? schemaOption,
        string? connectionOption, bool apply, CancellationToken cancellationToken)
    {
        var role = roleOption ?? throw CliException.Usage("missing --role <name>; run 'jobs grants --help' for usage");
        var component = ParseComponent(componentOption);
        var schema = DatabaseSteps.ParseSchema(schemaOption);
        try
        {
            RoleGrants.QuoteRole(role);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ErrorText.Describe(ex), ex);
        }

        if (!apply && connectionOption is null)
        {
            // Printing needs no server: the statements of the installer's (and 0.16's) schema.
            await WriteAsync(context.Out, RoleGrants.For(component, role, schema)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var connection = ConnectionResolver.Resolve(connectionOption, context.Environment);
        await using var dataSource = DatabaseSteps.CreateDataSource(connection, "jobs grants");
        await DatabaseSteps.ConnectAsync(dataSource, connection, cancellationToken).ConfigureAwait(false);

        var shape = await DatabaseSteps.RunAsync(() => SchemaShapeReader.ReadAsync(dataSource, schema, cancellationToken),
            $"could not read the shape of schema {schema}", cancellationToken).ConfigureAwait(false);
        if (!shape.HasJobsTable)
        {
            throw CliException.Failure($"schema {schema} has no jobs table; install it first with 'jobs migrate'");
        }
        // The history's grants too, where it is installed (jobs migrate --history).
        var history = await DatabaseSteps.RunAsync(() => new HistoryInstaller(dataSource, schema).CheckAsync(cancellationToken),
            $"could not read the history of schema {schema}", cancellationToken).ConfigureAwait(false);
        // And the trace contexts' grants, where they are installed (jobs migrate --trace).
        var traced = JobTraceSchema.CanHave(schema) && await DatabaseSteps.RunAsync(() => new TraceContextInstaller(dataSource, schema).InstalledVersionAsync(cancellationToken),
            $"could not read the trace contexts of schema {schema}", cancellationToken).ConfigureAwait(false) > 0;
        IReadOnlyList<string> statements =
        [
            .. RoleGrants.For(component, role, schema, shape),
            .. history.Installed ? RoleGrants.ForHistory(component, role, schema) : [],
            .. traced ? RoleGrants.ForTraceContexts(component, role, schema) : [],
        ];
        if (!apply)
        {
            await WriteAsync(context.Out, statements).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await DatabaseSteps.RunAsync(() => ApplyAsync(dataSource, statements, cancellationToken),
            $"could not grant to role {role}", cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(
            $"granted role {role} the {component.ToString().ToLowerInvariant()} privileges in schema {schema} ({statements.Count} statements)").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static JobsComponent ParseComponent(string? value) => value switch
    {
        null => throw CliException.Usage("missing --for <component>: client, worker, scheduler or admin"),
        "client" => JobsComponent.Client,
        "worker" => JobsComponent.Worker,
        "scheduler" => JobsComponent.Scheduler,
        "admin" => JobsComponent.Admin,
        _ => throw CliException.Usage($"unknown component '{value}' for --for: use client, worker, scheduler or admin"),
    };

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<string> statements)
    {
        foreach (var statement in statements)
        {
            await output.WriteLineAsync(statement).ConfigureAwait(false);
        }
    }

    // One transaction: a role gets all of a component's grants or none.
    private static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(string.Join('\n', statements), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return statements.Count;
    }
}
