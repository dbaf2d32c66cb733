namespace Jobs.Testing.Postgres;

/// <summary>
/// One server for the whole test process, started on first use and stopped when the process
/// exits. Test frameworks without assembly-level fixtures share it through here.
/// </summary>
public static class SharedPostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide server.</summary>
    public static Task<PostgresServer> GetAsync() => Server.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServerProvider.StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (server is LocalPostgresCluster cluster)
            {
                cluster.StopNow();
            }
            else
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        };
        return server;
    }
}
