using Jobs.Testing;

namespace Jobs.Tests.Infrastructure;

/// <summary>A worker running in the background of a test; disposing stops it cleanly.</summary>
public sealed class WorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts a worker over the shared data source of <paramref name="connectionString"/>, apart from the test's.</summary>
    public WorkerRun(string connectionString, IJobDispatcher dispatcher, JobsWorkerOptions options)
        : this(SharedDataSources.For(connectionString), dispatcher, options)
    {
    }

    /// <summary>
    /// Starts a worker over <paramref name="dataSource"/>: for tests that cut the worker's connections
    /// and must not leave the shared pool full of dead ones (or find earlier runs' idle connections in
    /// it, each a failed attempt to retry).
    /// </summary>
    public WorkerRun(Npgsql.NpgsqlDataSource dataSource, IJobDispatcher dispatcher, JobsWorkerOptions options)
    {
        Worker = new JobsWorker(dataSource, [dispatcher], options);
        Run = Task.Run(() => Worker.RunAsync(_stop.Token));
    }

    public JobsWorker Worker { get; }

    public Task Run { get; }

    /// <summary>Waits until the worker has fetched at least once (and, with LISTEN, is listening).</summary>
    public Task ReadyAsync() => Eventually.TrueAsync(
        () => Task.FromResult(Worker.Health.LastSuccessfulFetch is not null && Worker.Health.ListenerConnected),
        "the worker to fetch once and listen");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }
}
