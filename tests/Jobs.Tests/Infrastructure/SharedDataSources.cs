using System.Collections.Concurrent;
using Jobs.Testing;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// One framework data source per connection string, for the workers and schedulers tests start in
/// the background. Each run used to open its own, so every run forked new backends: on this
/// project's 2-core VMs a backend's fork and first catalog lookups cost about 35 ms of server CPU,
/// and the runs' backends were a fifth of the suite's CPU. A run's connections return to the pool
/// when it stops (reset as Npgsql resets them) and the next run in the class takes them over. Kept
/// for the process: a class's database is dropped when the class ends, its idle connections with it.
/// </summary>
public static class SharedDataSources
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> ByConnectionString = new(StringComparer.Ordinal);

    /// <summary>The shared data source for <paramref name="connectionString"/>.</summary>
    public static NpgsqlDataSource For(string connectionString) =>
        ByConnectionString.GetOrAdd(connectionString, static s => JobsDataSource.Create(s));
}
