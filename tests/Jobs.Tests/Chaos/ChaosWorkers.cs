using System.Diagnostics;
using Npgsql;

namespace Jobs.Tests.Chaos;

/// <summary>
/// The chaos suite's worker processes (Jobs.TestWorker in chaos mode): started, SIGKILLed and
/// started again under new worker ids, each journaling its executions to a file of its own. Knows
/// when each worker was killed, which explains the executions it never finished. Workers take
/// their connection strings from <paramref name="routes"/> in turn (each through a network path
/// the suite can freeze on its own).
/// </summary>
public sealed class ChaosWorkers(IReadOnlyList<string> routes, string journalDirectory) : IDisposable
{
    private readonly Dictionary<string, int> _routeOf = [];
    private readonly Dictionary<string, Process> _running = [];
    private readonly Dictionary<string, DateTime> _killedAt = [];
    private int _started;

    /// <summary>When each killed worker was gone (UTC, taken once the process had exited).</summary>
    public IReadOnlyDictionary<string, DateTime> KilledAt => _killedAt;

    public int Kills => _killedAt.Count;

    public IReadOnlyCollection<string> Running => _running.Keys;

    /// <summary>The running workers whose connections go through route <paramref name="route"/>.</summary>
    public string[] RunningOn(int route) => _running.Keys.Where(worker => _routeOf[worker] == route).ToArray();

    /// <summary>Starts a worker process and waits until it runs.</summary>
    public async Task<string> StartAsync(FetchStrategy strategy)
    {
        var workerId = $"chaos-{++_started}";
        var route = _started % routes.Count;
        _routeOf[workerId] = route;
        // The application name lets the suite cut exactly the workers' connections.
        var connection = new NpgsqlConnectionStringBuilder(routes[route]) { ApplicationName = workerId }.ConnectionString;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { TestWorkerDll(), "chaos", connection, workerId, strategy.ToString(), Path.Combine(journalDirectory, workerId + ".journal") })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the chaos worker");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line != "running")
        {
            throw new InvalidOperationException($"Chaos worker {workerId} did not start: {line}");
        }
        _running[workerId] = process;
        return workerId;
    }

    /// <summary>SIGKILLs <paramref name="workerId"/>: nothing of its shutdown runs.</summary>
    public async Task KillAsync(string workerId)
    {
        var process = _running[workerId];
        _running.Remove(workerId);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        // Taken once the process is gone: it may still have started a run between the kill
        // signal and its death, and no run of it ends later than this.
        _killedAt[workerId] = DateTime.UtcNow;
        process.Dispose();
    }

    public void Dispose()
    {
        foreach (var process in _running.Values)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
        _running.Clear();
    }

    private static string TestWorkerDll()
    {
        // tests/Jobs.Tests/bin/<configuration>/net10.0/ → tests/Jobs.TestWorker/bin/<configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(output.Parent!.Parent!.Parent!.Parent!.FullName, "Jobs.TestWorker", "bin", output.Parent!.Name, output.Name, "Jobs.TestWorker.dll");
    }
}
