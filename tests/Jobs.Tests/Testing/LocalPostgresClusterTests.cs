using System.Diagnostics;
using Jobs.Testing;
using Jobs.Testing.Postgres;

namespace Jobs.Tests.Testing;

public sealed class LocalPostgresClusterTests
{
    [Fact]
    public async Task A_cluster_folder_whose_owner_died_is_removed_and_a_live_owners_is_kept()
    {
        var binaries = Binaries();
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await finished.WaitForExitAsync();
        var abandoned = FakeClusterFolder(finished.Id);
        var alive = FakeClusterFolder(Environment.ProcessId);
        try
        {
            LocalPostgresCluster.RemoveAbandonedClusters(binaries);

            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(alive));
        }
        finally
        {
            Directory.Delete(alive, recursive: true);
        }
    }

    [Fact]
    public async Task When_its_owner_lets_go_the_reaper_stops_the_server_and_deletes_its_folder()
    {
        var binaries = Binaries();
        await using var cluster = await LocalPostgresCluster.StartAsync(binaries, CancellationToken.None);
        var pid = int.Parse(File.ReadLines(Path.Combine(cluster.RootFolder, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

        // What the owner's death does to the pipe, without the death.
        cluster.ReleaseReaper();

        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(cluster.RootFolder) && !LocalPostgresCluster.IsAlive(pid)), "the reaper to stop the server and delete its folder");
    }

    [Fact]
    public async Task After_the_first_initdb_a_cluster_starts_from_a_copy_of_its_output_and_works()
    {
        var binaries = Binaries();
        await using var first = await LocalPostgresCluster.StartAsync(binaries, CancellationToken.None);
        Assert.True(InitdbCache.IsComplete(InitdbCache.FolderFor(binaries, LocalPostgresCluster.InitdbArguments)));

        using (var copy = new DataFolder())
        {
            Assert.True(await InitdbCache.CreateDataDirectoryAsync(binaries, LocalPostgresCluster.InitdbArguments, copy.Path, CancellationToken.None));
            Assert.True(File.Exists(Path.Combine(copy.Path, "PG_VERSION")));
        }
        await using var second = await LocalPostgresCluster.StartAsync(binaries, CancellationToken.None);
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(second.ConnectionString);
        await using var command = dataSource.CreateCommand("CREATE DATABASE copied; SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_initdb_output_that_lost_a_file_is_made_again_not_copied()
    {
        var binaries = Binaries();
        var (options, cached) = CacheOfItsOwn(binaries, "--data-checksums");
        using (var first = new DataFolder())
        {
            await InitdbCache.CreateDataDirectoryAsync(binaries, options, first.Path, CancellationToken.None);
        }
        File.Delete(Path.Combine(cached, "global", "pg_control")); // as a temp-folder cleaner might
        Assert.False(InitdbCache.IsComplete(cached));

        using var copy = new DataFolder();
        Assert.False(await InitdbCache.CreateDataDirectoryAsync(binaries, options, copy.Path, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(copy.Path, "global", "pg_control")));
        Assert.True(InitdbCache.IsComplete(cached));
    }

    [Fact]
    public async Task A_cache_that_cannot_be_made_falls_back_to_initdb_itself()
    {
        var binaries = Binaries();
        var (options, cached) = CacheOfItsOwn(binaries, "--wal-segsize=32");
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
        await File.WriteAllTextAsync(cached, "a file where the cache's folder would go");
        using var data = new DataFolder();
        try
        {
            Assert.False(await InitdbCache.CreateDataDirectoryAsync(binaries, options, data.Path, CancellationToken.None));

            Assert.True(File.Exists(Path.Combine(data.Path, "global", "pg_control")));
            Assert.True(File.Exists(cached));
        }
        finally
        {
            File.Delete(cached);
        }
    }

    private static PostgresBinaries Binaries() =>
        PostgresBinaries.Find() ?? throw new InvalidOperationException("These tests need the local PostgreSQL binaries (initdb, pg_ctl).");

    /// <summary>initdb's options plus <paramref name="extraOption"/>, and their cache: one no other test uses.</summary>
    private static (string[] Options, string Cached) CacheOfItsOwn(PostgresBinaries binaries, string extraOption)
    {
        string[] options = [.. LocalPostgresCluster.InitdbArguments, extraOption];
        return (options, InitdbCache.FolderFor(binaries, options));
    }

    /// <summary>A data directory's path in the temp folder, not yet created; deleted on dispose if it was.</summary>
    private sealed class DataFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jobs-initdb-test-" + Guid.NewGuid().ToString("N")[..8]);

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }

    private static string FakeClusterFolder(int owner)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobs-pg-test" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "owner.pid"), owner.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return folder;
    }
}
