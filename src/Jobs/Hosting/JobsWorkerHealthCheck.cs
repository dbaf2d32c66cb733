using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// Healthy while the fetch loop reaches the database and the LISTEN connection is up; degraded
/// when only LISTEN is down (polling still works); unhealthy when fetching fails or stopped.
/// </summary>
public sealed class JobsWorkerHealthCheck(JobsWorker worker) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = worker.Health;
        var data = new Dictionary<string, object>
        {
            ["worker_id"] = health.WorkerId,
            ["running_jobs"] = health.RunningJobs,
            ["listener_connected"] = health.ListenerConnected,
        };
        if (health.LastSuccessfulFetch is { } last)
        {
            data["last_successful_fetch"] = last;
        }
        HealthCheckResult result = !health.IsRunning ? HealthCheckResult.Unhealthy("The worker is not running.", data: data)
            : health.LastFetchError is { } error ? HealthCheckResult.Unhealthy($"Fetching jobs fails: {error}", data: data)
            : !health.ListenerConnected ? HealthCheckResult.Degraded("The LISTEN connection is down; the worker polls meanwhile.", data: data)
            : HealthCheckResult.Healthy(data: data);
        return Task.FromResult(result);
    }
}
