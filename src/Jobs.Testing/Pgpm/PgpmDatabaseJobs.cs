using Npgsql;

namespace Jobs.Testing.Pgpm;

/// <summary>
/// The genuine SQL of the npm package <c>@pgpm/database-jobs</c>, fetched with <c>npm pack</c>
/// on first use and cached on disk (never committed), and deployed the way pgpm would.
/// </summary>
public static class PgpmDatabaseJobs
{
    /// <summary>The package version the compatibility suite pins.</summary>
    public const string DefaultVersion = "0.16.0";

    private static readonly SemaphoreSlim FetchLock = new(1, 1);

    /// <summary>The package's SQL without its <c>\echo ... \quit</c> first line.</summary>
    /// <exception cref="InvalidOperationException">npm could not fetch the package.</exception>
    public static async Task<string> GetSqlAsync(string version = DefaultVersion, CancellationToken cancellationToken = default)
    {
        var cached = Path.Combine(CacheDirectory(), $"pgpm-database-jobs-{version}.sql");
        await FetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(cached))
            {
                await FetchAsync(version, cached, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            FetchLock.Release();
        }
        var lines = await File.ReadAllLinesAsync(cached, cancellationToken).ConfigureAwait(false);
        return string.Join('\n', lines.SkipWhile(line => line.StartsWith("\\echo", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Deploys the genuine schema into the database of <paramref name="connectionString"/>, with
    /// its prerequisites: the role <c>administrator</c> and the extension pgcrypto in public.
    /// </summary>
    public static async Task DeployAsync(string connectionString, string version = DefaultVersion, CancellationToken cancellationToken = default)
    {
        var sql = await GetSqlAsync(version, cancellationToken).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var prerequisites = new NpgsqlCommand("""
            DO $$ BEGIN
              CREATE ROLE administrator;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
            """, connection))
        {
            await prerequisites.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var deploy = new NpgsqlCommand(sql, connection, transaction))
        {
            await deploy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task FetchAsync(string version, string destination, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "jobs-npm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await ProcessRunner.RunAsync("npm", ["pack", $"@pgpm/database-jobs@{version}", "--silent"], work, cancellationToken).ConfigureAwait(false);
            var tarball = Directory.EnumerateFiles(work, "*.tgz").Single();
            await ProcessRunner.RunAsync("tar", ["xzf", tarball], work, cancellationToken).ConfigureAwait(false);
            var sqlFile = Directory.EnumerateFiles(Path.Combine(work, "package", "sql"), "*.sql").Single();
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var partial = destination + "." + Environment.ProcessId + ".tmp";
            File.Copy(sqlFile, partial, overwrite: true);
            // Atomic, so a concurrent test process never reads half a file.
            File.Move(partial, destination, overwrite: true);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"Could not fetch @pgpm/database-jobs@{version} with npm (is Node.js with npm installed, and the npm registry reachable?): {ex.Message}", ex);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string CacheDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("JOBS_TEST_CACHE");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "jobs-tests");
    }
}
