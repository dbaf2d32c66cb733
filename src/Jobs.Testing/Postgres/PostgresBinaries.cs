using System.Globalization;

namespace Jobs.Testing.Postgres;

/// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>, and the OS user to run them as.</summary>
/// <param name="Directory">The folder with the server binaries.</param>
/// <param name="RunAsUser">The user to run them as (<c>postgres</c> when this process is root; PostgreSQL refuses root), or null.</param>
public sealed record PostgresBinaries(string Directory, string? RunAsUser)
{
    /// <summary>Finds the binaries on PATH or under <c>/usr/lib/postgresql/*/bin</c> (newest version first); null when absent.</summary>
    public static PostgresBinaries? Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(VersionedFolders("/usr/lib/postgresql"))
            .Concat(VersionedFolders("/usr/local/pgsql"));
        var directory = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (directory is null)
        {
            return null;
        }
        return new PostgresBinaries(directory, Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" ? "postgres" : null);
    }

    /// <summary>Runs one of the binaries, as <see cref="RunAsUser"/> when set; throws with its output on a non-zero exit.</summary>
    public Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, tool);
        return RunAsUser is null
            ? ProcessRunner.RunAsync(path, arguments, null, cancellationToken)
            : ProcessRunner.RunAsync("runuser", ["-u", RunAsUser, "--", path, .. arguments], null, cancellationToken);
    }

    private static IEnumerable<string> VersionedFolders(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }
        return System.IO.Directory.EnumerateDirectories(root)
            .Select(d => (Folder: d, Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Folder, "bin"));
    }
}
