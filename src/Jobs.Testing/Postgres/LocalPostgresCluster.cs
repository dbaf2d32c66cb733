using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Jobs.Testing.Postgres;

/// <summary>
/// A throwaway cluster made with the machine's own PostgreSQL binaries: initdb's output in a temp
/// folder (initdb runs once per machine and binaries; later clusters start from a copy of its
/// output, kept in the temp folder as <c>jobs-initdb-*</c>), a unix socket there too, a free port
/// on 127.0.0.1, trust authentication. Tuned for tests (no fsync) unless started with
/// <see cref="StartDurableAsync"/>. Stopped and deleted on dispose; a cluster whose owning process
/// died is removed by the next start.
/// </summary>
public sealed class LocalPostgresCluster : PostgresServer
{
    private const string FolderPrefix = "jobs-pg-";
    private const string OwnerFile = "owner.pid";

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private int _disposed;
    private string _serverOptions = "";

    // The write end of the reaper's stdin: held while the cluster lives, closed by the kernel when
    // this process dies, however it dies.
    private StreamWriter? _reaperLifeline;

    private LocalPostgresCluster(PostgresBinaries binaries, string root, int port)
    {
        _binaries = binaries;
        _root = root;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    /// <inheritdoc />
    public override string ConnectionString { get; }

    /// <inheritdoc />
    public override string Origin => $"local binaries ({_binaries.Directory})";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates and starts a cluster tuned for speed; throws <see cref="InvalidOperationException"/> with the tool's output when that fails.</summary>
    public static Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken) =>
        StartAsync(binaries, crashSafe: false, cancellationToken);

    /// <summary>Creates and starts a cluster; throws <see cref="InvalidOperationException"/> with the tool's output when that fails.</summary>
    /// <param name="binaries">The PostgreSQL binaries to run.</param>
    /// <param name="crashSafe">
    /// Keep every acknowledged commit through a server crash (<c>synchronous_commit=on</c>), for
    /// tests that crash the server; by default commits are acknowledged before their WAL is
    /// written, which is faster and loses the last moments of work when the server is killed.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, bool crashSafe, CancellationToken cancellationToken) =>
        StartAsync(binaries, FastFolder(), ["-c fsync=off", crashSafe ? "-c synchronous_commit=on" : "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=300", "-c shared_buffers=128MB", "-c max_wal_size=256MB"], cancellationToken);

    /// <summary>
    /// Creates and starts a cluster with PostgreSQL's default, durable settings (fsync,
    /// synchronous_commit and full_page_writes on: a commit is acknowledged once its WAL is on
    /// disk), for benchmarks whose figures must hold in production. Only max_connections=200 and
    /// shared_buffers=256MB differ from initdb's defaults.
    /// </summary>
    public static Task<LocalPostgresCluster> StartDurableAsync(PostgresBinaries binaries, CancellationToken cancellationToken) =>
        StartAsync(binaries, Path.GetTempPath(), ["-c max_connections=200", "-c shared_buffers=256MB"], cancellationToken);

    // A test cluster creates a database per test class and truncates tables per test: hundreds of
    // files made and deleted a minute. On ext4 that cost a fifth of the server's CPU in the test
    // suite (inode allocation); in memory it costs nothing, and with fsync off nothing is lost by it
    // (a crash test kills the server, never the machine). A durable cluster stays on disk: its
    // figures must include real fsyncs.
    // A container's /dev/shm is often 64 MB: only with room for a cluster, its WAL and its test databases.
    private static string FastFolder() =>
        OperatingSystem.IsLinux() && Directory.Exists(MemoryFolder) && new DriveInfo(MemoryFolder).AvailableFreeSpace >= MemoryFolderMinimumFree
            ? MemoryFolder
            : Path.GetTempPath();

    private const long MemoryFolderMinimumFree = 2L * 1024 * 1024 * 1024;

    private const string MemoryFolder = "/dev/shm";

    /// <summary>initdb's options for every cluster: a superuser named postgres, trust authentication, UTF-8, the C locale.</summary>
    internal static readonly string[] InitdbArguments = ["-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"];

    private static async Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, string folder, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        RemoveAbandonedClusters(binaries);

        var root = Path.Combine(folder, FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var port = FindFreePort();
        var cluster = new LocalPostgresCluster(binaries, root, port);
        try
        {
            if (binaries.RunAsUser is { } user)
            {
                await ProcessRunner.RunAsync("chown", ["-R", user, root], null, cancellationToken).ConfigureAwait(false);
            }
            await InitdbCache.CreateDataDirectoryAsync(binaries, InitdbArguments, cluster.DataDirectory, cancellationToken).ConfigureAwait(false);
            var options = cluster._serverOptions = string.Join(' ',
                [$"-p {port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={root}", .. settings]);
            await binaries.RunAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken).ConfigureAwait(false);
            cluster.StartReaper();
            return cluster;
        }
        catch (Exception ex)
        {
            var log = Path.Combine(root, "server.log");
            var tail = File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "";
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Could not start a local PostgreSQL cluster with {binaries.Directory}: {ex.Message}{Environment.NewLine}{tail}", ex);
        }
    }

    /// <summary>
    /// Stops the server the way a crash does (<c>-m immediate</c>: no checkpoint, every connection
    /// cut, open transactions lost) and starts it again on the same port, for reliability tests.
    /// </summary>
    public async Task CrashAndRestartAsync(CancellationToken cancellationToken = default)
    {
        await _binaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"], cancellationToken).ConfigureAwait(false);
        await _binaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", _serverOptions, "-w", "-t", "60", "start"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server immediately and deletes its folder. Safe to call twice.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Stop(_binaries, _root);
        ReleaseReaper();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Synchronous stop, for process-exit handlers where nothing can be awaited.</summary>
    public void StopNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Stop(_binaries, _root);
            ReleaseReaper();
        }
    }

    // Test hosts are often killed right after the last test, before any exit handler finishes.
    // A detached watcher outlives this process, then stops the server and deletes its folder. It
    // waits on its stdin, a pipe whose only write end this process holds: the read returns at the
    // process's death, or when the cluster is disposed. (It used to poll with `sleep 0.5`: on this
    // project's 2-core VMs each fork and exec costs milliseconds, thousands of them a suite.)
    private void StartReaper()
    {
        var pgCtl = Path.Combine(_binaries.Directory, "pg_ctl");
        var stop = _binaries.RunAsUser is { } user
            ? $"runuser -u {user} -- '{pgCtl}' -D '{DataDirectory}' -m immediate stop"
            : $"'{pgCtl}' -D '{DataDirectory}' -m immediate stop";
        var script = "cat >/dev/null; " +
                     $"if [ -f '{DataDirectory}/postmaster.pid' ]; then {stop} >/dev/null 2>&1; fi; rm -rf '{_root}'";
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var reaper = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the cluster's reaper (setsid sh).");
        // Disposing the Process leaves its streams open (they may still be in use): the pipe stays
        // open for as long as this field holds it.
        _reaperLifeline = reaper.StandardInput;
    }

    /// <summary>Closes the reaper's pipe, as this process's death would: the reaper then stops the server, if running, and deletes its folder.</summary>
    internal void ReleaseReaper() => Interlocked.Exchange(ref _reaperLifeline, null)?.Dispose();

    /// <summary>The folder holding the cluster's data, socket and log.</summary>
    internal string RootFolder => _root;

    private static void Stop(PostgresBinaries binaries, string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                binaries.RunAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // The server is already gone; deleting its folder is all that is left.
            }
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // A run killed before its dispose leaves a running postmaster and a folder: stop and delete
    // every cluster whose owning process no longer exists.
    internal static void RemoveAbandonedClusters(PostgresBinaries binaries)
    {
        var parents = new[] { Path.GetTempPath(), MemoryFolder }.Where(Directory.Exists).Distinct();
        foreach (var folder in parents.SelectMany(parent => Directory.EnumerateDirectories(parent, FolderPrefix + "*")))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            if (!File.Exists(ownerFile)
                || !int.TryParse(File.ReadAllText(ownerFile), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                || IsAlive(owner))
            {
                continue;
            }
            Stop(binaries, folder);
        }
    }

    /// <summary>Whether the process <paramref name="processId"/> is running.</summary>
    internal static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
