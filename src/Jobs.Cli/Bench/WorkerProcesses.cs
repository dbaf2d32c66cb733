using System.Diagnostics;
using System.Reflection;

namespace Jobs.Cli.Bench;

/// <summary>
/// Worker processes for a scale-out drain: this same tool, started as <c>jobs bench-worker</c> on
/// the scratch schema. They are started and ready before the jobs are due, so no process start
/// is timed; disposing closes their stdin and waits for them to stop.
/// </summary>
internal sealed class WorkerProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    /// <summary>Starts <paramref name="count"/> workers and waits until each says it is ready.</summary>
    public static async Task<WorkerProcesses> StartAsync(int count, string connectionString, string schema, FetchStrategy strategy, int concurrency, CancellationToken cancellationToken)
    {
        var started = new WorkerProcesses();
        try
        {
            for (var i = 0; i < count; i++)
            {
                started._processes.Add(Start(connectionString, schema, strategy, concurrency));
            }
            foreach (var process in started._processes)
            {
                var line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line != BenchWorker.Ready)
                {
                    var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    throw new InvalidOperationException($"A bench worker process did not start: {(error.Length > 0 ? error.Trim() : line ?? "it exited")}");
                }
            }
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.StandardInput.Close();
        }
        foreach (var process in _processes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
    }

    private static Process Start(string connectionString, string schema, FetchStrategy strategy, int concurrency)
    {
        var (file, prefix) = SelfCommand();
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["bench-worker", "--schema", schema, "--strategy", strategy.ToString(), "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            info.ArgumentList.Add(argument);
        }
        // The connection goes by environment, not argument: a password must not show in ps.
        info.Environment["JOBS_DATABASE_URL"] = connectionString;
        // Optimised code from the first call: a fresh process would otherwise drain its first
        // thousands of jobs in unoptimised code, and the bench would time the JIT, not the queue.
        info.Environment["DOTNET_TieredCompilation"] = "0";
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start a bench worker process.");
    }

    /// <summary>
    /// How to start this tool again: its own executable, or <c>dotnet Jobs.Cli.dll</c> when run
    /// through dotnet. When the tool runs inside another program (its tests call it in process), that
    /// program's executable is not the tool: the tool's own app host beside Jobs.Cli.dll is.
    /// </summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The tool's own path is unknown.");
        var dll = Path.Combine(AppContext.BaseDirectory, "Jobs.Cli.dll");
        var runThroughDotnet = Path.GetFileNameWithoutExtension(path) == "dotnet";
        if (Assembly.GetEntryAssembly() == typeof(WorkerProcesses).Assembly)
        {
            return runThroughDotnet ? (path, [dll]) : (path, []);
        }
        var appHost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Jobs.Cli.exe" : "Jobs.Cli");
        if (File.Exists(appHost))
        {
            return (appHost, []);
        }
        return runThroughDotnet
            ? (path, [dll])
            : throw new InvalidOperationException($"Worker processes cannot be started from {path}: it is not the jobs tool, and no Jobs.Cli app host is beside {dll}.");
    }
}
