using Jobs.Testing;

namespace Jobs.Tests.Infrastructure;

/// <summary>A worker running in the background of a test; disposing stops it cleanly.</summary>
public sealed class WorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Npgsql.NpgsqlDataSource? _ownPool;

    /// <summary>Starts a worker over the shared data source of <paramref name="connectionString"/>, apart from the test's.</summary>
    public WorkerRun(string connectionString, IJobDispatcher dispatcher, JobsWorkerOptions options)
        : this(SharedDataSources.For(connectionString), ownsPool: false, dispatcher, options)
    {
    }

    private WorkerRun(Npgsql.NpgsqlDataSource dataSource, bool ownsPool, IJobDispatcher dispatcher, JobsWorkerOptions options)
    {
        _ownPool = ownsPool ? dataSource : null;
        Worker = new JobsWorker(dataSource, [dispatcher], options);
        Run = Task.Run(() => Worker.RunAsync(_stop.Token));
    }

    /// <summary>
    /// Starts a worker over a pool of its own, disposed with the run: for tests that cut the worker's
    /// connections and must not leave the shared pool full of dead ones (or find earlier runs' idle
    /// connections in it, each a failed attempt to retry). Its connections carry
    /// <paramref name="applicationName"/>, so a test can cut exactly them.
    /// </summary>
    public static WorkerRun OnPoolOfItsOwn(string connectionString, IJobDispatcher dispatcher, JobsWorkerOptions options, string applicationName)
    {
        var named = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
        return new(JobsDataSource.Create(named), ownsPool: true, dispatcher, options);
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
        if (_ownPool is not null)
        {
            await _ownPool.DisposeAsync();
        }
    }
}
