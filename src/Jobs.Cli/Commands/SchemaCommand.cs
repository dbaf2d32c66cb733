using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;
using Jobs.Schema;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs schema [task]</c>: the payload JSON Schema of a task, or the tasks that have one, as the
/// installed SQL enqueue functions carry them (<see cref="JobSqlFunctionInstaller"/>). The CLI never
/// loads an application's assembly: the database is where the contract is published.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Argument<string?>("task") { Description = "The task whose payload schema to print; without it, list the tasks.", Arity = ArgumentArity.ZeroOrOne };
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var functionSchema = CommonOptions.NonEmpty(new Option<string>("--function-schema")
        {
            HelpName = "name",
            Description = "Schema the enqueue functions were installed in (default: --schema).",
        });

        var command = new JobsCommand("schema", "Print a task's payload JSON Schema, or list the tasks with SQL enqueue functions",
            "The application publishes its tasks' contracts by installing their SQL enqueue functions\n"
            + "(JobSqlFunctionInstaller; see the README's \"Enqueue from SQL\"). Each function's comment\n"
            + "carries the JSON Schema (draft 2020-12) of the task's payload, which this prints, indented.\n"
            + "Without a task it lists each task and its function's signature.\n"
            + "\n"
            + "Exit codes: 0 printed; 1 no such task, none installed, unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Examples:\n"
            + "  jobs schema\n"
            + "  jobs schema send_email > send_email.schema.json");
        command.Arguments.Add(task);
        command.Options.Add(connection);
        command.Options.Add(schema);
        command.Options.Add(functionSchema);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult.GetValue(task), parseResult.GetValue(connection),
            parseResult.GetValue(schema), parseResult.GetValue(functionSchema), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? task, string? connectionOption, string? schemaOption, string? functionSchemaOption,
        CancellationToken cancellationToken)
    {
        var schema = DatabaseSteps.ParseSchema(schemaOption);
        var functionSchema = functionSchemaOption is null ? schema : DatabaseSteps.ParseSchema(functionSchemaOption);
        var connection = ConnectionResolver.Resolve(connectionOption, context.Environment);
        await using var dataSource = DatabaseSteps.CreateDataSource(connection, "jobs schema");
        await DatabaseSteps.ConnectAsync(dataSource, connection, cancellationToken).ConfigureAwait(false);

        var installer = new JobSqlFunctionInstaller(dataSource, new JobSqlFunctionOptions { JobsSchema = schema, FunctionSchema = functionSchema });
        var functions = await DatabaseSteps.RunAsync(() => installer.ListAsync(cancellationToken),
            $"could not read the enqueue functions of schema {functionSchema}", cancellationToken).ConfigureAwait(false);
        if (functions.Count == 0)
        {
            throw CliException.Failure($"schema {functionSchema} has no SQL enqueue functions: the application installs them with JobSqlFunctionInstaller");
        }
        if (task is null)
        {
            foreach (var function in functions)
            {
                await context.Out.WriteLineAsync($"{function.Task}\t{function.Signature}").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }
        var found = functions.FirstOrDefault(f => f.Task == task)
            ?? throw CliException.Failure($"no SQL enqueue function for task '{task}' in schema {functionSchema}; installed: {string.Join(", ", functions.Select(f => f.Task))}");
        var payloadSchema = found.PayloadSchema
            ?? throw CliException.Failure($"the enqueue function of task '{task}' carries no payload schema (its dispatcher gave none)");
        await context.Out.WriteLineAsync(JsonLines.Indent(payloadSchema)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
