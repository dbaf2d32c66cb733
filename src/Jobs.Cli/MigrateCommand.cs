using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli;

/// <summary>
/// <c>jobs migrate [--connection &lt;string&gt;] [--schema &lt;name&gt;] [--check]</c>: installs or
/// upgrades the schema with <see cref="SchemaInstaller.InstallAsync"/>, or with <c>--check</c> only
/// reports its state with <see cref="SchemaInstaller.CheckAsync"/>.
/// </summary>
internal sealed class MigrateCommand : ICommand
{
    /// <summary><c>--connection &lt;string&gt;</c>.</summary>
    public static readonly OptionSpec Connection = new(ConnectionResolver.ConnectionOption, "string",
        "Npgsql connection string (Host=...;Database=...;Username=...)\n"
        + "or URL (postgres://user:password@host:port/database).\n"
        + $"Default: ${ConnectionResolver.DatabaseUrlVariable}, else {string.Join(", ", ConnectionResolver.LibpqVariables)}\n"
        + $"(host {ConnectionResolver.DefaultHost} when PGHOST is not set).");

    /// <summary><c>--schema &lt;name&gt;</c>.</summary>
    public static readonly OptionSpec Schema = new("--schema", "name",
        $"Schema to install into or check (default: {SchemaName.Default}). A letter or underscore,\nthen up to 62 letters, digits or underscores.");

    /// <summary><c>--check</c>.</summary>
    public static readonly OptionSpec Check = new("--check", null,
        "Only report the schema's state, its shape (which version of app_jobs it looks\n"
        + "like), the indexes it lacks and its SECURITY DEFINER functions that do not pin\n"
        + "search_path, with the SQL to fix each; change nothing.");

    /// <inheritdoc />
    public string Name => "migrate";

    /// <inheritdoc />
    public string Summary => "Install or upgrade the app_jobs schema (--check: only report its state)";

    /// <inheritdoc />
    public string Description =>
        "Applies every pending migration of the app_jobs schema in one transaction. Safe to run again\n"
        + "(an up-to-date schema is left as it is) and from several processes at once (they queue on an\n"
        + "advisory lock; one applies, the others find the work done). A schema deployed by another tool\n"
        + "(pgpm) is recognised, checked for the functions Jobs calls, and never changed.";

    /// <inheritdoc />
    public IReadOnlyList<OptionSpec> Options { get; } = [Connection, Schema, Check];

    /// <inheritdoc />
    public string Epilog =>
        "Exit codes:\n"
        + "  0  installed or already usable (with --check: usable, up to date, no index missing,\n"
        + "     every SECURITY DEFINER function pins search_path)\n"
        + "  1  failed: unreachable server, refused login, SQL error, or an externally managed schema\n"
        + "     that lacks functions (with --check: also missing, out of date, or of a shape Jobs\n"
        + "     cannot serve)\n"
        + "  2  usage error: unknown option, invalid schema name, no connection given\n"
        + "  3  --check only: usable, but action is advised: indexes Jobs relies on are missing, or\n"
        + "     SECURITY DEFINER functions do not pin search_path (a role that may call them can run\n"
        + "     its own code as their owner); a pgpm-deployed schema is never changed: apply the\n"
        + "     printed SQL yourself\n"
        + "\n"
        + "Examples:\n"
        + "  jobs migrate --connection \"Host=db;Database=app;Username=ops\"\n"
        + "  JOBS_DATABASE_URL=postgres://ops@db/app jobs migrate --check";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLine commandLine, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(context);

        var schema = ParseSchema(commandLine.Value(Schema));
        var connection = ConnectionResolver.Resolve(commandLine.Value(Connection), context.Environment);
        var checkOnly = commandLine.Has(Check);

        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "jobs migrate";
        }
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await ConnectAsync(dataSource, connection, cancellationToken).ConfigureAwait(false);

        var installer = new SchemaInstaller(dataSource, schema);
        if (checkOnly)
        {
            var status = await RunStepAsync(() => installer.CheckAsync(cancellationToken), $"could not check schema {schema}", cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(status.Describe()).ConfigureAwait(false);
            if (status.State == SchemaState.Missing)
            {
                return ExitCodes.Failure;
            }
            var shape = await RunStepAsync(() => SchemaShapeReader.ReadAsync(dataSource, schema, cancellationToken), $"could not read the shape of schema {schema}", cancellationToken).ConfigureAwait(false);
            await ShapeReport.WriteAsync(context.Out, shape).ConfigureAwait(false);
            return !status.IsUsable || shape.Problems.Count > 0 ? ExitCodes.Failure
                : shape.MissingIndexes.Count > 0 || shape.UnhardenedFunctions.Count > 0 ? ExitCodes.ActionAdvised
                : ExitCodes.Success;
        }

        var result = await RunStepAsync(() => installer.InstallAsync(cancellationToken), $"could not migrate schema {schema}", cancellationToken).ConfigureAwait(false);
        if (!result.After.IsUsable)
        {
            // Only an externally managed schema that lacks functions gets here: the installer never changes it.
            throw CliException.Failure(result.Describe());
        }
        await context.Out.WriteLineAsync(result.Describe()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    internal static SchemaName ParseSchema(string? value)
    {
        if (value is null)
        {
            return SchemaName.Default;
        }
        try
        {
            return new SchemaName(value);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ErrorText.Describe(ex), ex);
        }
    }

    // Connecting first, on its own, lets a refused connection or login be reported as such,
    // naming the server, apart from errors in the migration itself.
    internal static async Task ConnectAsync(NpgsqlDataSource dataSource, ResolvedConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, cancellationToken))
        {
            throw CliException.Failure($"could not connect to PostgreSQL at {connection.Describe()}: {ErrorText.Cause(ex)}", ex);
        }
    }

    internal static async Task<T> RunStepAsync<T>(Func<Task<T>> step, string failure, CancellationToken cancellationToken)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, cancellationToken))
        {
            throw CliException.Failure($"{failure}: {ErrorText.Describe(ex)}", ex);
        }
    }

    // NpgsqlException covers server errors (PostgresException) and client-side ones (network, TLS);
    // a timeout opening a connection surfaces as a TimeoutException from the pool.
    private static bool IsDatabaseFailure(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is NpgsqlException or TimeoutException;
}
