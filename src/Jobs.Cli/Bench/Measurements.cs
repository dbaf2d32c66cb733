using System.Diagnostics;
using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>One run of each measurement, in the scratch schema; each starts from an empty table.</summary>
internal sealed class Measurements(NpgsqlDataSource dataSource, ScratchSchema scratch, BenchSettings settings)
{
    private static readonly byte[] Payload = """{"to":"ada@example.com","subject":"hello"}"""u8.ToArray();

    private readonly JobsClientOptions _clientOptions = new()
    {
        Schema = scratch.Name.Value,
        DatabaseId = Guid.Parse("00000000-0000-0000-0000-00000000be4c"),
    };

    private SchemaName Schema => scratch.Name;

    /// <summary>Enqueue, one job per call; jobs/s.</summary>
    public async Task<double> EnqueueOneAtATimeAsync(CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        var client = new JobsClient(dataSource, _clientOptions);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.SingleEnqueues; i++)
        {
            await client.EnqueueAsync(BenchSettings.Task, Payload, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return settings.SingleEnqueues / clock.Elapsed.TotalSeconds;
    }

    /// <summary>EnqueueMany of every job in one call, with a key each or none; jobs/s.</summary>
    public async Task<double> EnqueueManyAsync(bool withKeys, CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        var client = new JobsClient(dataSource, _clientOptions);
        var requests = Enumerable.Range(0, settings.Jobs)
            .Select(i => new JobRequest(BenchSettings.Task, Payload, withKeys ? new EnqueueOptions { Key = "bench-" + i } : null))
            .ToArray();
        var clock = Stopwatch.StartNew();
        await client.EnqueueManyAsync(requests, cancellationToken).ConfigureAwait(false);
        return settings.Jobs / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Every job queued before the worker starts; the clock stops when the table is empty. Jobs/s.</summary>
    public async Task<double> DrainAsync(FetchStrategy strategy, int concurrency, CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        await new JobsClient(dataSource, _clientOptions).EnqueueManyAsync(
            Enumerable.Range(0, settings.Jobs).Select(_ => new JobRequest(BenchSettings.Task, Payload)), cancellationToken).ConfigureAwait(false);
        var dispatcher = new NoopDispatcher();
        var allStarted = dispatcher.ExpectStarts(settings.Jobs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = new JobsWorker(dataSource, [dispatcher], WorkerOptions(strategy, concurrency, TimeSpan.FromSeconds(1)), _clientOptions);
        var clock = Stopwatch.StartNew();
        var run = worker.RunAsync(stop.Token);
        await allStarted.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Starts are counted in memory; only the last completions are waited for in the table.
        await scratch.WaitUntilEmptyAsync(TimeSpan.FromMilliseconds(2), cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return settings.Jobs / elapsed.TotalSeconds;
    }

    /// <summary>
    /// The same drain by <paramref name="processes"/> worker processes of <paramref name="concurrency"/>
    /// each: the jobs are queued due later, the processes started and ready, then the jobs made due
    /// at once (and the workers woken); the clock runs from that commit until the table is empty. Jobs/s.
    /// </summary>
    public async Task<double> DrainWithProcessesAsync(FetchStrategy strategy, int concurrency, int processes, string connectionString, CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        var later = new EnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddDays(1) };
        await new JobsClient(dataSource, _clientOptions).EnqueueManyAsync(
            Enumerable.Range(0, settings.Jobs).Select(_ => new JobRequest(BenchSettings.Task, Payload, later)), cancellationToken).ConfigureAwait(false);
        await using var workers = await WorkerProcesses.StartAsync(processes, connectionString, Schema.Value, strategy, concurrency, cancellationToken).ConfigureAwait(false);
        await using (var due = dataSource.CreateCommand($"UPDATE {Schema.Quoted}.jobs SET run_at = now(); NOTIFY \"jobs:insert\""))
        {
            await due.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var clock = Stopwatch.StartNew();
        await scratch.WaitUntilEmptyAsync(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
        return settings.Jobs / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The plain-SQL ceiling of this server for the same work (see <see cref="Ceiling"/>); jobs/s.</summary>
    public async Task<double> CeilingAsync(CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        return await Ceiling.MeasureAsync(dataSource, Schema, settings.Jobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An idle worker (a poll of a minute, so LISTEN/NOTIFY wakes it), one job at a time, from the
    /// enqueue call until its handler starts: milliseconds, sorted.
    /// </summary>
    public async Task<double[]> LatencyAsync(FetchStrategy strategy, CancellationToken cancellationToken)
    {
        await scratch.TruncateAsync(cancellationToken).ConfigureAwait(false);
        var client = new JobsClient(dataSource, _clientOptions);
        var dispatcher = new NoopDispatcher();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = new JobsWorker(dataSource, [dispatcher], WorkerOptions(strategy, 8, TimeSpan.FromMinutes(1)), _clientOptions);
        var run = worker.RunAsync(stop.Token);
        if (!await ScratchSchema.WaitUntilReadyAsync(worker, run, cancellationToken).ConfigureAwait(false))
        {
            await run.ConfigureAwait(false);
            throw new InvalidOperationException("The latency worker stopped before it was ready.");
        }
        var latencies = new double[settings.Probes];
        for (var i = 0; i < latencies.Length; i++)
        {
            var started = dispatcher.NextStart();
            var sent = Stopwatch.GetTimestamp();
            await client.EnqueueAsync(BenchSettings.Task, Payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            await started.WaitAsync(cancellationToken).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            // The next probe must meet an idle worker: wait until this job's completion is written.
            await scratch.WaitUntilEmptyAsync(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        Array.Sort(latencies);
        return latencies;
    }

    private static JobsWorkerOptions WorkerOptions(FetchStrategy strategy, int concurrency, TimeSpan poll) => new()
    {
        Concurrency = concurrency,
        FetchStrategy = strategy,
        PollInterval = poll,
    };
}
