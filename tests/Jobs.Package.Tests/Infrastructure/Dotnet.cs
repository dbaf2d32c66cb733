using Jobs.Testing;

namespace Jobs.Package.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI; a non-zero exit throws with the whole output.</summary>
internal static class Dotnet
{
    /// <summary>
    /// What a build or pack passes so it compiles on the machine's warm compiler server, as the
    /// repository's own build does (a cold compiler per project cost this suite about half its
    /// CPU), while no MSBuild node outlives it.
    /// </summary>
    public static readonly string[] BuildOptions = ["-nodeReuse:false", "-p:UseSharedCompilation=true", "-tl:off"];

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its output. The output goes
    /// through a file, not a pipe: a compiler server the command starts inherits it and lives on,
    /// and a pipe would stay open, and the wait last, until that server exits.
    /// </summary>
    public static async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        var log = Path.Combine(Path.GetTempPath(), $"jobs-package-tests-{Guid.NewGuid():N}.log");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await ProcessRunner.RunAsync("sh", ["-c", "log=$1; shift; exec dotnet \"$@\" >\"$log\" 2>&1", "sh", log, .. arguments], workingDirectory, timeout.Token);
            return await File.ReadAllTextAsync(log);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"'dotnet {string.Join(' ', arguments)}' in {workingDirectory} failed: {ex.Message}\n{ReadOrEmpty(log)}", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' in {workingDirectory} did not finish within 5 minutes.\n{ReadOrEmpty(log)}", ex);
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
