using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>
/// <c>jobs bench</c>: measures this deployment's server against its own ceiling. Every measurement
/// runs <see cref="BenchSettings.Runs"/> times, in a scratch schema dropped afterwards; the drains
/// of a run sit beside that run's ceiling, so a busy server lowers both alike.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Runs everything; progress goes to <paramref name="progress"/> (stderr), never to the results.</summary>
    public static async Task<BenchReport> RunAsync(NpgsqlDataSource dataSource, BenchSettings settings, BenchProgress progress, CancellationToken cancellationToken)
    {
        var server = await ServerSettings.ReadAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using var scratch = await ScratchSchema.CreateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var measure = new Measurements(dataSource, scratch, settings);
        var steps = new List<Step>
        {
            new("Enqueue, one job per call", "enqueue", () => measure.EnqueueOneAtATimeAsync(cancellationToken)),
            new($"EnqueueMany, {settings.Jobs:N0} jobs in one call", "enqueue", () => measure.EnqueueManyAsync(false, cancellationToken)),
            new($"EnqueueMany with keys, {settings.Jobs:N0} jobs in one call", "enqueue", () => measure.EnqueueManyAsync(true, cancellationToken)),
            new("ceiling: lock 100 SKIP LOCKED + update + delete, 1 transaction, 4 clients", "ceiling", () => measure.CeilingAsync(cancellationToken)),
        };
        foreach (var strategy in settings.Strategies)
        {
            foreach (var concurrency in settings.Concurrencies)
            {
                steps.Add(new($"drain {settings.Jobs:N0} jobs, {strategy}, concurrency {concurrency}", "drain",
                    () => measure.DrainAsync(strategy, concurrency, cancellationToken), strategy, concurrency));
                if (settings.Processes > 1)
                {
                    steps.Add(new($"drain {settings.Jobs:N0} jobs, {strategy}, {settings.Processes} processes of concurrency {concurrency}", "drain",
                        () => measure.DrainWithProcessesAsync(strategy, concurrency, settings.Processes, settings.ConnectionString!, cancellationToken),
                        strategy, concurrency, settings.Processes));
                }
            }
        }

        // The first calls of a process run unoptimised code: one small drain first, not reported.
        progress.Expect(1 + settings.Runs * steps.Count + settings.Strategies.Count);
        await progress.StepAsync("warming up").ConfigureAwait(false);
        await WarmUpAsync(dataSource, scratch, settings, cancellationToken).ConfigureAwait(false);

        var rates = steps.Select(_ => new List<double>()).ToArray();
        for (var run = 1; run <= settings.Runs; run++)
        {
            // Odd runs go forward, even runs backward, so drift favours no measurement.
            var order = Enumerable.Range(0, steps.Count);
            foreach (var i in run % 2 == 1 ? order : order.Reverse())
            {
                await progress.StepAsync($"run {run}/{settings.Runs}: {steps[i].Name}").ConfigureAwait(false);
                rates[i].Add(await steps[i].Run().ConfigureAwait(false));
            }
        }
        var results = steps.Select((step, i) => new BenchResult(step.Name, step.Metric, rates[i], step.Strategy, step.Concurrency, step.Processes)).ToList();
        foreach (var strategy in settings.Strategies)
        {
            await progress.StepAsync($"latency, {strategy}, {settings.Probes} probes").ConfigureAwait(false);
            var latencies = await measure.LatencyAsync(strategy, cancellationToken).ConfigureAwait(false);
            results.Add(new BenchResult($"enqueue-to-start, idle worker, {strategy}", "latency", [], strategy,
                Percentiles: (Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1])));
        }
        await progress.FinishAsync().ConfigureAwait(false);
        return new BenchReport(server, settings, results);
    }

    /// <summary>
    /// .NET compiles a method in stages, the optimised one after about 30 calls and in the
    /// background: every path runs that often first, small, then a pause lets the compiler
    /// finish, so the figures are those of a service that has run a while, not of its first calls.
    /// </summary>
    private static async Task WarmUpAsync(NpgsqlDataSource dataSource, ScratchSchema scratch, BenchSettings settings, CancellationToken cancellationToken)
    {
        var small = new Measurements(dataSource, scratch, settings with { Jobs = Math.Min(settings.Jobs, 200) });
        for (var i = 0; i < 32; i++)
        {
            await small.EnqueueManyAsync(withKeys: i % 2 == 1, cancellationToken).ConfigureAwait(false);
        }
        // Many keyless jobs take another path (binary COPY from 1,000 rows): warmed the same way,
        // as graphile-worker's addJobs is warmed in benchmarks/compare.
        var bulk = new Measurements(dataSource, scratch, settings with { Jobs = Math.Min(settings.Jobs, 1_000) });
        for (var i = 0; i < 20; i++)
        {
            await bulk.EnqueueManyAsync(withKeys: false, cancellationToken).ConfigureAwait(false);
        }
        await small.EnqueueOneAtATimeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var strategy in settings.Strategies)
        {
            await small.DrainAsync(strategy, settings.Concurrencies[0], cancellationToken).ConfigureAwait(false);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One measurement to run: its name and metric as reported, and what it was run with.</summary>
    private sealed record Step(string Name, string Metric, Func<Task<double>> Run, FetchStrategy? Strategy = null, int? Concurrency = null, int? Processes = null);

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
