using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// Healthy while the fetch loop reaches the database and the LISTEN connection is up; degraded
/// when only LISTEN is down (polling still works); unhealthy when fetching fails or stopped.
/// </summary>
public sealed class JobsWorkerHealthCheck(JobsWorker worker) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.From(worker.Health, "worker", "Fetching jobs"));
}
