using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Database;

/// <summary>
/// The steps every command that talks to PostgreSQL takes, each failing with its own one-line
/// message: the schema name, the connection, and each unit of work.
/// </summary>
internal static class DatabaseSteps
{
    /// <summary>The schema named by <c>--schema</c>, or the default; a usage error when the name is invalid.</summary>
    public static SchemaName ParseSchema(string? value)
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

    /// <summary>A data source for <paramref name="connection"/>, naming itself <paramref name="applicationName"/> unless the connection string does.</summary>
    public static NpgsqlDataSource CreateDataSource(ResolvedConnection connection, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }
        var sourceBuilder = JobsDataSource.CreateBuilder(builder.ConnectionString);
        // A command reads and writes built-in types only (app_jobs has no types of its own), and
        // runs once per process: loading the database's types, one catalog query per run, cost
        // every command about 20 ms of the server's CPU and a round trip, for nothing it reads.
        sourceBuilder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        return sourceBuilder.Build();
    }

    // Connecting first, on its own, lets a refused connection or login be reported as such,
    // naming the server, apart from errors in the work itself.
    public static async Task ConnectAsync(NpgsqlDataSource dataSource, ResolvedConnection connection, CancellationToken cancellationToken)
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

    /// <summary>
    /// Runs <paramref name="step"/>: a database failure becomes a runtime error starting with
    /// <paramref name="failure"/>; a value the framework refuses (an <see cref="ArgumentException"/>
    /// about what the operator typed) becomes a usage error.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> step, string failure, CancellationToken cancellationToken)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex, cancellationToken))
        {
            throw CliException.Failure($"{failure}: {ErrorText.Describe(ex)}", ex);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ErrorText.Describe(ex), ex);
        }
        catch (UnsupportedSchemaException ex)
        {
            throw CliException.Failure($"{failure}: {ErrorText.Describe(ex)}", ex);
        }
    }

    // NpgsqlException covers server errors (PostgresException) and client-side ones (network, TLS);
    // a timeout opening a connection surfaces as a TimeoutException from the pool.
    private static bool IsDatabaseFailure(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is NpgsqlException or TimeoutException;
}
