using System.Collections.Concurrent;
using Jobs.Testing;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// One framework data source per connection string, for the workers and schedulers tests start in
/// the background. Each run used to open its own, so every run forked new backends: on this
/// project's 2-core VMs a backend's fork and first catalog lookups cost about 35 ms of server CPU,
/// and the runs' backends were a fifth of the suite's CPU. A run's connections return to the pool
/// when it stops (reset as Npgsql resets them) and the next run in the class takes them over. The
/// class's own queries (<see cref="SchemaDatabase.JobsDataSource"/>) use the same pool, so a
/// connection idle between a test's steps serves the next worker too. Kept until the class's
/// database goes (<see cref="Forget"/>).
/// </summary>
public static class SharedDataSources
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> ByConnectionString = new(StringComparer.Ordinal);

    /// <summary>The shared data source for <paramref name="connectionString"/>.</summary>
    public static NpgsqlDataSource For(string connectionString) =>
        ByConnectionString.GetOrAdd(connectionString, static s => JobsDataSource.Create(s));

    /// <summary>Closes and forgets the data source of <paramref name="connectionString"/>, whose database is about to go.</summary>
    public static async ValueTask Forget(string connectionString)
    {
        if (ByConnectionString.TryRemove(connectionString, out var dataSource))
        {
            await dataSource.DisposeAsync();
        }
    }
}
