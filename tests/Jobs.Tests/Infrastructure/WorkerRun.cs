using Jobs.Testing;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>A worker running in the background of a test; disposing stops it cleanly.</summary>
public sealed class WorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Starts a worker with a data source of its own, apart from the test's.</summary>
    public WorkerRun(string connectionString, IJobDispatcher dispatcher, JobsWorkerOptions options)
    {
        _dataSource = JobsDataSource.Create(connectionString);
        Worker = new JobsWorker(_dataSource, [dispatcher], options);
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
        await _dataSource.DisposeAsync();
    }
}
