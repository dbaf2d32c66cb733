using Jobs.Testing;

namespace Jobs.Package.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI; a non-zero exit throws with the whole output.</summary>
internal static class Dotnet
{
    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its output. Build commands
    /// should pass <c>--disable-build-servers</c>: a build server or MSBuild node left running would
    /// hold this process's output pipes open and the wait would last until it exits.
    /// </summary>
    public static async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            return await ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, timeout.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' in {workingDirectory} did not finish within 5 minutes.", ex);
        }
    }
}
