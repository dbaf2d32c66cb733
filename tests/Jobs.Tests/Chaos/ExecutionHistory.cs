using System.Globalization;

namespace Jobs.Tests.Chaos;

/// <summary>One run of a job by a chaos worker, from its journal: End is null when the worker died first.</summary>
public sealed record Execution(string Worker, long JobId, int Attempt, DateTime Start, DateTime? End, bool Succeeded);

/// <summary>A stretch of time the database was not itself (crash, connections cut, network frozen).</summary>
public sealed record Outage(string What, DateTime From, DateTime To);

/// <summary>
/// What the chaos workers' journals say happened, and the checks on it: no job ran twice at the
/// same time, and every run after the first is explained by a failure, a kill or an outage.
/// </summary>
public sealed class ExecutionHistory
{
    private ExecutionHistory(IReadOnlyList<Execution> executions) => Executions = executions;

    public IReadOnlyList<Execution> Executions { get; }

    public static ExecutionHistory Read(string journalDirectory)
    {
        var executions = new List<Execution>();
        foreach (var file in Directory.GetFiles(journalDirectory, "*.journal"))
        {
            var worker = Path.GetFileNameWithoutExtension(file);
            var open = new Dictionary<(long, int), DateTime>();
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ');
                if (parts.Length < 4)
                {
                    continue; // the last line of a killed worker may be cut short
                }
                var key = (long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
                var at = new DateTime(long.Parse(parts[3], CultureInfo.InvariantCulture), DateTimeKind.Utc);
                if (parts[0] == "S")
                {
                    open[key] = at;
                }
                else if (parts[0] == "E" && open.Remove(key, out var started))
                {
                    executions.Add(new Execution(worker, key.Item1, key.Item2, started, at, parts.Length > 4 && parts[4] == "ok"));
                }
            }
            executions.AddRange(open.Select(o => new Execution(worker, o.Key.Item1, o.Key.Item2, o.Value, null, false)));
        }
        return new ExecutionHistory(executions);
    }

    /// <summary>Pairs of runs of one job that overlapped in time (a killed run ends at its kill).</summary>
    public List<string> Overlaps(IReadOnlyDictionary<string, DateTime> killedAt)
    {
        var found = new List<string>();
        foreach (var runs in ByJob())
        {
            for (var i = 0; i + 1 < runs.Count; i++)
            {
                var end = EndOf(runs[i], killedAt);
                if (end is null || end > runs[i + 1].Start)
                {
                    found.Add($"job {runs[i].JobId}: attempt {runs[i].Attempt} on {runs[i].Worker} (until {end:HH:mm:ss.fff}) and attempt {runs[i + 1].Attempt} on {runs[i + 1].Worker} (from {runs[i + 1].Start:HH:mm:ss.fff})");
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Runs after the first that nothing explains. A run is followed by another as expected when it
    /// failed, when its worker was killed after it started (its result may never have been
    /// written), or when an outage touched the time between it and the next run.
    /// </summary>
    public List<string> UnexplainedReruns(IReadOnlyDictionary<string, DateTime> killedAt, IReadOnlyList<Outage> outages)
    {
        var found = new List<string>();
        foreach (var runs in ByJob())
        {
            for (var i = 0; i + 1 < runs.Count; i++)
            {
                var (run, next) = (runs[i], runs[i + 1]);
                var failed = run.End is not null && !run.Succeeded;
                var killed = killedAt.TryGetValue(run.Worker, out var kill) && kill >= run.Start;
                var outage = outages.Any(o => o.From <= next.Start && o.To >= run.Start);
                if (!failed && !killed && !outage)
                {
                    found.Add($"job {run.JobId}: attempt {run.Attempt} succeeded on {run.Worker} at {run.End:HH:mm:ss.fff}, yet attempt {next.Attempt} ran on {next.Worker} at {next.Start:HH:mm:ss.fff}");
                }
            }
        }
        return found;
    }

    /// <summary>Runs without an end whose worker was never killed: a run that vanished.</summary>
    public List<Execution> Unfinished(IReadOnlyDictionary<string, DateTime> killedAt) =>
        Executions.Where(e => e.End is null && !killedAt.ContainsKey(e.Worker)).ToList();

    private IEnumerable<List<Execution>> ByJob() =>
        Executions.GroupBy(e => e.JobId).Select(g => g.OrderBy(e => e.Start).ToList()).Where(runs => runs.Count > 1);

    private static DateTime? EndOf(Execution run, IReadOnlyDictionary<string, DateTime> killedAt) =>
        run.End ?? (killedAt.TryGetValue(run.Worker, out var kill) ? kill : null);
}
