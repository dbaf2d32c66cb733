using Jobs.EndToEnd.Tests.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The generated registration with the real client and a running worker, as an application wires
/// them, over emptied job tables; disposing stops the worker.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    private WorkerHost(ServiceProvider services)
    {
        Services = services;
        var worker = services.GetRequiredService<JobsWorker>();
        _worker = Task.Run(() => worker.RunAsync(_stop.Token));
    }

    public ServiceProvider Services { get; }

    public JobsClient Client => Services.GetRequiredService<JobsClient>();

    public JobsAdmin Admin => Services.GetRequiredService<JobsAdmin>();

    public Received Received => Services.GetRequiredService<Received>();

    /// <param name="registerHandlersTwice">Calls the generated registration twice, as an application might.</param>
    public static async Task<WorkerHost> StartAsync(string connectionString, Guid databaseId, int concurrency = 2, bool registerHandlersTwice = false)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var truncate = new NpgsqlCommand("TRUNCATE app_jobs.jobs, app_jobs.job_queues RESTART IDENTITY", connection);
            await truncate.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();
        services.AddJobs(connectionString, options => options.DatabaseId = databaseId);
        services.AddSingleton<Received>();
        services.AddJobsEndToEndTestsJobHandlers();
        if (registerHandlersTwice)
        {
            services.AddJobsEndToEndTestsJobHandlers();
        }
        services.AddJobsWorker(options =>
        {
            options.Concurrency = concurrency;
            options.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        return new WorkerHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _worker.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
        await Services.DisposeAsync();
    }
}
