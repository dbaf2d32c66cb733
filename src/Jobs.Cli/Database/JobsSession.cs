using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Database;

/// <summary>
/// One command's connection to the job tables: the schema checked, the connection resolved and
/// tried, and the admin API over it, scoped to a database id when one was given.
/// </summary>
internal sealed class JobsSession : IAsyncDisposable
{
    private JobsSession(NpgsqlDataSource dataSource, SchemaName schema, JobsAdmin admin)
    {
        DataSource = dataSource;
        Schema = schema;
        Admin = admin;
    }

    public NpgsqlDataSource DataSource { get; }

    public SchemaName Schema { get; }

    /// <summary>The admin API, seeing every database unless the command was given <c>--database-id</c>.</summary>
    public JobsAdmin Admin { get; }

    /// <summary>
    /// Checks <paramref name="schemaOption"/>, resolves <paramref name="connectionOption"/> (else the
    /// environment) and connects; every mistake is a one-line error before any work is done.
    /// </summary>
    public static async Task<JobsSession> OpenAsync(
        string? connectionOption, string? schemaOption, Guid? databaseId, CliContext context, string commandName, CancellationToken cancellationToken)
    {
        var schema = DatabaseSteps.ParseSchema(schemaOption);
        var connection = ConnectionResolver.Resolve(connectionOption, context.Environment);
        var dataSource = DatabaseSteps.CreateDataSource(connection, "jobs " + commandName);
        try
        {
            await DatabaseSteps.ConnectAsync(dataSource, connection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var admin = new JobsAdmin(dataSource, new JobsClientOptions { Schema = schema.Value, DatabaseId = databaseId });
        return new JobsSession(dataSource, schema, admin);
    }

    /// <summary>Runs <paramref name="step"/> against the schema; failures read "could not <paramref name="what"/>: ...".</summary>
    public Task<T> RunAsync<T>(string what, Func<Task<T>> step, CancellationToken cancellationToken) =>
        DatabaseSteps.RunAsync(step, $"could not {what} in schema {Schema}", cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
