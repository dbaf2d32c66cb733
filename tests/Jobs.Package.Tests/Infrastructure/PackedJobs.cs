namespace Jobs.Package.Tests.Infrastructure;

/// <summary>
/// A class fixture: the Jobs package packed once from this test run's own build, as
/// <c>dotnet pack src/Jobs/Jobs.csproj --no-build</c> does in the configuration the tests were built
/// in, with a version of its own (<c>0.0.0-test.&lt;ticks&gt;</c>) into a feed of its own under a
/// temp folder. The runtime and its compiler components were built moments before, by the same
/// <c>dotnet test</c>; compiling them again in Release from clean cost this suite about 50 s of CPU
/// for the same files built with another optimisation flag. .ci/run packs the three packages in
/// Release from clean on its own. The temp folder is deleted afterwards, unless
/// JOBS_KEEP_PACKAGE_TESTS=1 (to look at the package and the test's project after a failure).
/// </summary>
public sealed class PackedJobs : IAsyncLifetime
{
    public const string KeepVariable = "JOBS_KEEP_PACKAGE_TESTS";

    /// <summary>The temp folder holding the feed and the test's projects.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "jobs-package-tests-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The package's version, unique to this run.</summary>
    public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.Ticks;

    /// <summary>The folder the package was packed into: a local NuGet source.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The .nupkg.</summary>
    public string PackagePath => Path.Combine(Feed, $"Jobs.{Version}.nupkg");

    /// <summary>The symbol package beside it.</summary>
    public string SymbolPackagePath => Path.Combine(Feed, $"Jobs.{Version}.snupkg");

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        PackOutput = await Dotnet.RunAsync(
            Repository.Root,
            [
                "pack", Repository.JobsProject,
                "--no-build",
                "-c", Repository.Configuration,
                "-o", Feed,
                $"-p:Version={Version}",
                .. Dotnet.BuildOptions,
            ]);
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1")
        {
            return ValueTask.CompletedTask;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp path.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
