using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Parsing;
using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs migrate [--connection] [--schema] [--history [--history-retention]] [--trace] [--check | --dry-run | --show-sql]</c>:
/// installs or upgrades the schema with <see cref="SchemaInstaller.InstallAsync"/>, and the history
/// of completed jobs with <see cref="HistoryInstaller"/> when asked; with <c>--check</c> only
/// reports their state and shape; with <c>--dry-run</c> or <c>--show-sql</c> prints what would run.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema("Schema to install into or check");
        var check = new Option<bool>("--check")
        {
            Description = "Only report the schema's state, its shape (which version of app_jobs it looks like), "
                + "the indexes it lacks and its SECURITY DEFINER functions that do not pin search_path, "
                + "with the SQL to fix each; change nothing.",
        };
        var dryRun = CommonOptions.DryRun("Print the migrations that would be applied; change nothing.");
        var showSql = new Option<bool>("--show-sql") { Description = "Print the SQL of the migrations that would be applied (implies --dry-run); change nothing." };
        var history = new Option<bool>("--history")
        {
            Description = "Also install (or upgrade) the history of completed jobs, in a schema of its own beside the jobs schema "
                + "(<schema>_history). Workers then record every job they complete, in the statement that completes it.",
        };
        var retention = new Option<TimeSpan?>("--history-retention")
        {
            HelpName = "duration",
            Description = "With --history: how long completed jobs are kept (" + Input.Values.DurationForms + "); a new history keeps them 7 days.",
            CustomParser = CommonOptions.Parse<TimeSpan>(Input.Values.TryParseDuration, Input.Values.DurationForms),
        };

        var trace = new Option<bool>("--trace")
        {
            Description = "Also install (or upgrade) the store of jobs' creation contexts, in a schema of its own beside the jobs schema "
                + "(<schema>_trace). Traced clients then store the context each job is enqueued in, and workers link each run's span to it.",
        };

        var command = new JobsCommand("migrate", "Install or upgrade the app_jobs schema (--check: only report its state)",
            "Exit codes:\n"
            + "  0  installed or already usable (with --check: usable, up to date, no index missing,\n"
            + "     every SECURITY DEFINER function pins search_path; with --dry-run: printed)\n"
            + "  1  failed: unreachable server, refused login, SQL error, or an externally managed schema\n"
            + "     that lacks functions (with --check: also missing, out of date, or of a shape Jobs\n"
            + "     cannot serve)\n"
            + "  2  usage error: unknown option, invalid schema name, no connection given\n"
            + "  3  --check only: usable, but action is advised: indexes Jobs relies on are missing, or\n"
            + "     SECURITY DEFINER functions do not pin search_path (a role that may call them can run\n"
            + "     its own code as their owner); a pgpm-deployed schema is never changed: apply the\n"
            + "     printed SQL yourself\n"
            + "\n"
            + "Applies every pending migration in one transaction. Safe to run again (an up-to-date schema is\n"
            + "left as it is) and from several processes at once (they queue on an advisory lock). A schema\n"
            + "deployed by another tool (pgpm) is recognised, checked for the functions Jobs calls, and never\n"
            + "changed.\n"
            + "\n"
            + "Examples:\n"
            + "  jobs migrate --connection \"Host=db;Database=app;Username=ops\"\n"
            + "  jobs migrate --history --history-retention 14d\n"
            + "  jobs migrate --trace\n"
            + "  JOBS_DATABASE_URL=postgres://ops@db/app jobs migrate --check\n"
            + "  jobs migrate --show-sql > pending.sql");
        command.Options.Add(connection);
        command.Options.Add(schema);
        command.Options.Add(check);
        command.Options.Add(dryRun);
        command.Options.Add(showSql);
        command.Options.Add(history);
        command.Options.Add(retention);
        command.Options.Add(trace);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context, parseResult.GetValue(connection), parseResult.GetValue(schema), parseResult.GetValue(check),
            parseResult.GetValue(dryRun), parseResult.GetValue(showSql),
            new HistoryRequest(parseResult.GetValue(history), parseResult.GetValue(retention)), parseResult.GetValue(trace), cancellationToken));
        return command;
    }

    /// <summary>What was asked of the history: install it, and keep records this long.</summary>
    private sealed record HistoryRequest(bool Install, TimeSpan? Retention);

    private static async Task<int> RunAsync(CliContext context, string? connectionOption, string? schemaOption,
        bool checkOnly, bool dryRun, bool showSql, HistoryRequest history, bool trace, CancellationToken cancellationToken)
    {
        var schema = DatabaseSteps.ParseSchema(schemaOption);
        if (checkOnly && (dryRun || showSql))
        {
            throw CliException.Usage("--check cannot be combined with --dry-run or --show-sql");
        }
        if (history.Retention is not null && !history.Install)
        {
            throw CliException.Usage("--history-retention needs --history");
        }
        if (history.Install && checkOnly)
        {
            throw CliException.Usage("--check reports the history whenever it is installed; leave out --history");
        }
        if (history.Install && !JobHistorySchema.CanHave(schema))
        {
            throw CliException.Usage($"schema {schema} cannot have a history: '{schema}{JobHistorySchema.Suffix}' would be over PostgreSQL's 63 characters");
        }
        if (trace && checkOnly)
        {
            throw CliException.Usage("--check does not report the trace contexts; leave out --trace");
        }
        if (trace && !JobTraceSchema.CanHave(schema))
        {
            throw CliException.Usage($"schema {schema} cannot have trace contexts: '{schema}{JobTraceSchema.Suffix}' would be over PostgreSQL's 63 characters");
        }
        var connection = ConnectionResolver.Resolve(connectionOption, context.Environment);
        await using var dataSource = DatabaseSteps.CreateDataSource(connection, "jobs migrate");
        await DatabaseSteps.ConnectAsync(dataSource, connection, cancellationToken).ConfigureAwait(false);

        var installer = new SchemaInstaller(dataSource, schema);
        if (checkOnly)
        {
            return await CheckAsync(context, dataSource, installer, schema, cancellationToken).ConfigureAwait(false);
        }
        if (dryRun || showSql)
        {
            var status = await DatabaseSteps.RunAsync(() => installer.CheckAsync(cancellationToken), $"could not check schema {schema}", cancellationToken).ConfigureAwait(false);
            await MigrationPreview.WriteAsync(context.Out, status, showSql).ConfigureAwait(false);
            if (history.Install)
            {
                var historyInstaller = new HistoryInstaller(dataSource, schema);
                var pending = await DatabaseSteps.RunAsync(() => historyInstaller.PendingAsync(cancellationToken),
                    $"could not check the history of schema {schema}", cancellationToken).ConfigureAwait(false);
                await MigrationPreview.WriteHistoryAsync(context.Out, historyInstaller.HistorySchema, pending, history.Retention, showSql).ConfigureAwait(false);
            }
            if (trace)
            {
                var traceInstaller = new TraceContextInstaller(dataSource, schema);
                var pending = await DatabaseSteps.RunAsync(() => traceInstaller.PendingAsync(cancellationToken),
                    $"could not check the trace contexts of schema {schema}", cancellationToken).ConfigureAwait(false);
                await MigrationPreview.WriteTraceContextsAsync(context.Out, traceInstaller.TraceSchema, pending, showSql).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }

        var result = await DatabaseSteps.RunAsync(() => installer.InstallAsync(cancellationToken), $"could not migrate schema {schema}", cancellationToken).ConfigureAwait(false);
        if (!result.After.IsUsable)
        {
            // Only an externally managed schema that lacks functions gets here: the installer never changes it.
            throw CliException.Failure(result.Describe());
        }
        await context.Out.WriteLineAsync(result.Describe()).ConfigureAwait(false);
        if (history.Install)
        {
            var historyInstaller = new HistoryInstaller(dataSource, schema);
            var installed = await DatabaseSteps.RunAsync(() => historyInstaller.InstallAsync(history.Retention, cancellationToken),
                $"could not install the history of schema {schema}", cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(HistoryReport.Describe(installed)).ConfigureAwait(false);
        }
        if (trace)
        {
            var traceInstaller = new TraceContextInstaller(dataSource, schema);
            var applied = await DatabaseSteps.RunAsync(() => traceInstaller.InstallAsync(cancellationToken),
                $"could not install the trace contexts of schema {schema}", cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(applied.Count == 0
                ? $"trace contexts {traceInstaller.TraceSchema}: up to date; clients and workers use them from their next start"
                : $"trace contexts {traceInstaller.TraceSchema}: applied {string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}"))}; clients and workers use them from their next start").ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private static async Task<int> CheckAsync(CliContext context, NpgsqlDataSource dataSource, SchemaInstaller installer, SchemaName schema, CancellationToken cancellationToken)
    {
        var status = await DatabaseSteps.RunAsync(() => installer.CheckAsync(cancellationToken), $"could not check schema {schema}", cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(status.Describe()).ConfigureAwait(false);
        if (status.State == SchemaState.Missing)
        {
            return ExitCodes.Failure;
        }
        var shape = await DatabaseSteps.RunAsync(() => SchemaShapeReader.ReadAsync(dataSource, schema, cancellationToken), $"could not read the shape of schema {schema}", cancellationToken).ConfigureAwait(false);
        await ShapeReport.WriteAsync(context.Out, shape).ConfigureAwait(false);
        if (JobHistorySchema.CanHave(schema))
        {
            var historyStatus = await DatabaseSteps.RunAsync(() => new HistoryInstaller(dataSource, schema).CheckAsync(cancellationToken),
                $"could not check the history of schema {schema}", cancellationToken).ConfigureAwait(false);
            if (historyStatus.Installed)
            {
                await context.Out.WriteLineAsync(HistoryReport.Describe(historyStatus)).ConfigureAwait(false);
            }
        }
        return !status.IsUsable || shape.Problems.Count > 0 ? ExitCodes.Failure
            : shape.MissingIndexes.Count > 0 || shape.UnhardenedFunctions.Count > 0 ? ExitCodes.ActionAdvised
            : ExitCodes.Success;
    }
}
