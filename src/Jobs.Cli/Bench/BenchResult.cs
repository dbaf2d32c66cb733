namespace Jobs.Cli.Bench;

/// <summary>One measurement over its runs: jobs/s (or, for latency, milliseconds per percentile).</summary>
/// <param name="Name">What was measured, as the table shows it.</param>
/// <param name="Metric">enqueue, drain, ceiling or latency.</param>
/// <param name="Runs">Jobs/s of each run; empty for latency.</param>
/// <param name="Strategy">The fetch strategy, for drain and latency.</param>
/// <param name="Concurrency">The worker's concurrency, for drain.</param>
/// <param name="Processes">The worker processes, for a scale-out drain.</param>
/// <param name="Percentiles">p50, p95, p99 and the slowest, in milliseconds, for latency.</param>
internal sealed record BenchResult(string Name, string Metric, IReadOnlyList<double> Runs,
    FetchStrategy? Strategy = null, int? Concurrency = null, int? Processes = null, (double P50, double P95, double P99, double Max)? Percentiles = null)
{
    /// <summary>The median of the runs (the mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            var sorted = Runs.Order().ToArray();
            return sorted.Length == 0 ? 0
                : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
