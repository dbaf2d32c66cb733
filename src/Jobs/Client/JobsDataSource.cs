using System.Runtime.CompilerServices;
using Npgsql;

namespace Jobs;

/// <summary>Builds the NpgsqlDataSource the framework runs on: the slim builder with only the features it uses, so NativeAOT stays small and warning-free.</summary>
public static class JobsDataSource
{
    /// <summary>Data sources built for a pooler: workers and schedulers must not LISTEN through them.</summary>
    private static readonly ConditionalWeakTable<NpgsqlDataSource, JobsDataSourceOptions> BehindPoolers = [];

    /// <summary>A data source for <paramref name="connectionString"/> (key=value or a postgres:// URL).</summary>
    public static NpgsqlDataSource Create(string connectionString) => Create(connectionString, new JobsDataSourceOptions());

    /// <summary>A data source for <paramref name="connectionString"/>, set up as <paramref name="options"/> says (e.g. behind PgBouncer).</summary>
    public static NpgsqlDataSource Create(string connectionString, JobsDataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataSource = CreateBuilder(connectionString, options).Build();
        if (options.BehindPooler)
        {
            BehindPoolers.AddOrUpdate(dataSource, options);
        }
        return dataSource;
    }

    /// <summary>
    /// The builder, for callers that add their own settings before building. Unless the
    /// connection string sets them: statements used repeatedly are prepared (<c>Max Auto Prepare</c>),
    /// and idle connections are kept alive and checked (<c>Keepalive</c>, <c>Tcp Keepalive</c>).
    /// </summary>
    public static NpgsqlSlimDataSourceBuilder CreateBuilder(string connectionString) => CreateBuilder(connectionString, new JobsDataSourceOptions());

    /// <summary>The builder for <paramref name="options"/>; see <see cref="JobsDataSourceOptions.BehindPooler"/>.</summary>
    public static NpgsqlSlimDataSourceBuilder CreateBuilder(string connectionString, JobsDataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionStrings.Normalize(connectionString));
        builder.EnableArrays();
        var settings = builder.ConnectionStringBuilder;
        if (options.BehindPooler)
        {
            // A transaction-mode pooler hands each transaction to any server connection: a session
            // reset would land on someone else's, and (before PgBouncer 1.21) so would a statement
            // prepared on another. Auto-prepare stays off unless the connection string asks for it.
            settings.NoResetOnClose = true;
        }
        else if (settings.MaxAutoPrepare == 0)
        {
            // The worker sends a handful of statements thousands of times; planning the batched
            // fetch costs more than running it. Prepared, the drain rate is about 4x (jobs bench).
            // After a schema change, Npgsql drops the stale statement and the worker's retry
            // re-prepares it.
            settings.MaxAutoPrepare = 32;
        }
        KeepAlive(settings);
        return builder;
    }

    /// <summary>True when <paramref name="dataSource"/> was built with <see cref="JobsDataSourceOptions.BehindPooler"/>.</summary>
    internal static bool IsBehindPooler(NpgsqlDataSource dataSource) => BehindPoolers.TryGetValue(dataSource, out _);

    /// <summary>
    /// A connection dropped silently (a network partition, a NAT or firewall forgetting it) reports
    /// nothing; used again, it stalls a command until its timeout. Idle connections are therefore
    /// checked: every 30 s Npgsql sends a keepalive query on each (one that is not answered within
    /// the command timeout breaks it, so the pool drops it), and TCP keepalive probes after 30 s of
    /// silence every 5 s, so the operating system ends a connection whose peer is gone.
    /// </summary>
    private static void KeepAlive(NpgsqlConnectionStringBuilder settings)
    {
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = 30;
        }
        if (!settings.TcpKeepAlive && settings.TcpKeepAliveTime == 0)
        {
            settings.TcpKeepAlive = true;
            settings.TcpKeepAliveTime = 30;
            settings.TcpKeepAliveInterval = 5;
        }
    }
}
