using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>
/// The child side of a drain with several worker processes (<c>jobs bench --processes</c>): one
/// worker on the scratch schema that says "ready" on stdout once it listens and has fetched, and
/// stops when its stdin closes (the parent ends it that way, or dies).
/// </summary>
internal static class BenchWorker
{
    /// <summary>The line a child prints when it is ready to take jobs.</summary>
    public const string Ready = "ready";

    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, string schema, FetchStrategy strategy, int concurrency,
        TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = new JobsWorker(dataSource, [new NoopDispatcher()],
            new JobsWorkerOptions { Concurrency = concurrency, FetchStrategy = strategy, PollInterval = TimeSpan.FromMinutes(1) },
            new JobsClientOptions { Schema = schema });
        var run = worker.RunAsync(stop.Token);
        if (!await ScratchSchema.WaitUntilReadyAsync(worker, run, cancellationToken).ConfigureAwait(false))
        {
            await run.ConfigureAwait(false);
            return 1;
        }
        await output.WriteLineAsync(Ready).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        // Blocks until the parent closes stdin.
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return 0;
    }
}
