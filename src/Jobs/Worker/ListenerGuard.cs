using Npgsql;

namespace Jobs.Worker;

/// <summary>Where a loop's LISTEN connection comes from, and the start-up check that it can work there.</summary>
internal static class ListenerGuard
{
    /// <summary>Refuses LISTEN through a data source built for a transaction-mode pooler, naming the remedy.</summary>
    /// <exception cref="InvalidOperationException">LISTEN is on, no direct connection is given, and the data source is behind a pooler.</exception>
    public static void Check(NpgsqlDataSource dataSource, bool useListenNotify, string? listenConnectionString, string optionsName)
    {
        if (useListenNotify && listenConnectionString is null && JobsDataSource.IsBehindPooler(dataSource))
        {
            throw new InvalidOperationException(
                "The data source is behind a connection pooler (JobsDataSourceOptions.BehindPooler), where LISTEN does not work: " +
                "PgBouncer in transaction mode hands each transaction to any server connection, so notifications never reach the listener. " +
                $"Set {optionsName}.ListenConnectionString to a direct connection to PostgreSQL, or {optionsName}.UseListenNotify = false to rely on polling.");
        }
    }

    /// <summary>A data source of its own for the LISTEN connection when one is configured (the caller disposes it); otherwise null.</summary>
    public static NpgsqlDataSource? DirectSource(bool useListenNotify, string? listenConnectionString) =>
        useListenNotify && listenConnectionString is not null ? JobsDataSource.Create(listenConnectionString) : null;
}
