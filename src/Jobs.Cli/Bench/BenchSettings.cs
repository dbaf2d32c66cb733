namespace Jobs.Cli.Bench;

/// <summary>What <c>jobs bench</c> measures, and how often.</summary>
/// <param name="Jobs">No-op jobs per enqueue and drain measurement.</param>
/// <param name="Concurrencies">Worker concurrencies to drain at.</param>
/// <param name="Strategies">Fetch strategies to drain and probe latency with.</param>
/// <param name="Runs">How often each measurement runs; the median is reported.</param>
/// <param name="Probes">Enqueue-to-start probes per strategy for the latency.</param>
/// <param name="Processes">Worker processes for the scale-out drains (one per strategy and concurrency); 0 or 1 for none.</param>
/// <param name="ConnectionString">How the worker processes reach the database; needed only with processes.</param>
internal sealed record BenchSettings(int Jobs, IReadOnlyList<int> Concurrencies, IReadOnlyList<FetchStrategy> Strategies, int Runs, int Probes,
    int Processes = 0, string? ConnectionString = null)
{
    /// <summary>The task every bench job has: nothing else in the database carries it.</summary>
    public const string Task = "jobs_bench_noop";

    /// <summary>Jobs enqueued one call each: enough for a rate, few enough to stay quick.</summary>
    public int SingleEnqueues => Math.Min(Jobs, 1_000);
}
