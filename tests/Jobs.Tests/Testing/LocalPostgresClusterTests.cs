using System.Diagnostics;
using Jobs.Testing;
using Jobs.Testing.Postgres;

namespace Jobs.Tests.Testing;

public sealed class LocalPostgresClusterTests
{
    [Fact]
    public async Task A_cluster_folder_whose_owner_died_is_removed_and_a_live_owners_is_kept()
    {
        var binaries = PostgresBinaries.Find();
        Assert.NotNull(binaries);
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
        var binaries = PostgresBinaries.Find();
        Assert.NotNull(binaries);
        await using var cluster = await LocalPostgresCluster.StartAsync(binaries, CancellationToken.None);
        var pid = int.Parse(File.ReadLines(Path.Combine(cluster.RootFolder, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

        // What the owner's death does to the pipe, without the death.
        cluster.ReleaseReaper();

        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(cluster.RootFolder) && !LocalPostgresCluster.IsAlive(pid)), "the reaper to stop the server and delete its folder");
    }

    private static string FakeClusterFolder(int owner)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobs-pg-test" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "owner.pid"), owner.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return folder;
    }
}
