using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jobs.Testing.Postgres;

/// <summary>
/// initdb's output, made once per machine for each set of binaries, options and OS user, and
/// copied into each new cluster. initdb bootstraps the catalogs and runs its set-up SQL in
/// single-user servers: about a second of CPU on a 2-core VM, for a folder that is the same for
/// every cluster made with the same binaries and options. This repository's suite starts about
/// sixteen clusters (one per test process, more for the tests that crash or restart a server); a
/// copy costs about a quarter of initdb's CPU.
/// </summary>
internal static class InitdbCache
{
    private const string FolderPrefix = "jobs-initdb-";
    private const string ManifestFile = "jobs-initdb.manifest";

    /// <summary>
    /// Creates <paramref name="dataDirectory"/> (which must not exist) as initdb with
    /// <paramref name="initdbArguments"/> would. Returns true when it was copied from the cache,
    /// false when initdb ran (to fill the cache first).
    /// </summary>
    public static async Task<bool> CreateDataDirectoryAsync(PostgresBinaries binaries, IReadOnlyList<string> initdbArguments, string dataDirectory, CancellationToken cancellationToken)
    {
        var cached = FolderFor(binaries, initdbArguments);
        try
        {
            var copied = IsComplete(cached);
            if (!copied)
            {
                await CreateAsync(binaries, initdbArguments, cached, cancellationToken).ConfigureAwait(false);
            }
            // cp -a keeps the owner and the 0700 mode PostgreSQL requires of a data directory.
            await ProcessRunner.RunAsync("cp", ["-a", cached, dataDirectory], null, cancellationToken).ConfigureAwait(false);
            File.Delete(Path.Combine(dataDirectory, ManifestFile));
            return copied;
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            // The cache is an optimisation: whatever went wrong with it (no cp, a folder another
            // process holds), initdb itself still makes the cluster, and says why if it cannot.
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            await binaries.RunAsync("initdb", ["-D", dataDirectory, .. initdbArguments], cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// The cache's folder for these binaries and options, and this OS user (the folder is theirs
    /// alone, mode 0700). The key includes the server binary's size and time, so an upgraded
    /// PostgreSQL gets a folder of its own.
    /// </summary>
    internal static string FolderFor(PostgresBinaries binaries, IReadOnlyList<string> initdbArguments)
    {
        var server = new FileInfo(Path.Combine(binaries.Directory, "postgres"));
        var identity = string.Join('\n', [
            binaries.Directory,
            binaries.RunAsUser ?? "",
            Environment.UserName,
            server.Exists ? server.Length.ToString(CultureInfo.InvariantCulture) : "",
            server.Exists ? server.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) : "",
            .. initdbArguments]);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        return Path.Combine(Path.GetTempPath(), FolderPrefix + key);
    }

    // The folder appears by rename once initdb has finished, so a folder that exists is whole,
    // unless something deleted files in it since (a temp-folder cleaner does, by age): the manifest
    // written at creation lists every file and its size, and a folder that no longer matches it is
    // made again.
    internal static bool IsComplete(string cached)
    {
        var manifest = Path.Combine(cached, ManifestFile);
        try
        {
            return File.Exists(manifest) && File.ReadAllText(manifest) == Manifest(cached);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task CreateAsync(PostgresBinaries binaries, IReadOnlyList<string> initdbArguments, string cached, CancellationToken cancellationToken)
    {
        var fresh = cached + ".new-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await binaries.RunAsync("initdb", ["-D", fresh, .. initdbArguments], cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(fresh, ManifestFile), Manifest(fresh), cancellationToken).ConfigureAwait(false);
            if (IsComplete(cached))
            {
                return; // another process filled the cache meanwhile
            }
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true); // damaged: see IsComplete
            }
            Directory.Move(fresh, cached);
        }
        catch (IOException) when (IsComplete(cached))
        {
            // Another process filled the cache first; its copy is as good as this one.
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    private static string Manifest(string folder) => string.Join('\n',
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path))
            .Where(path => path != ManifestFile)
            .Order(StringComparer.Ordinal)
            .Select(path => $"{path} {new FileInfo(Path.Combine(folder, path)).Length.ToString(CultureInfo.InvariantCulture)}"));
}
