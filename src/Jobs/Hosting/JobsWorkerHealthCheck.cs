using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// Healthy while the fetch loop makes progress, the LISTEN connection is up and results are written.
/// Degraded when a fetch wanted has not completed within <see cref="JobsWorkerOptions.HealthDegradedAfter"/>
/// (or fails), when LISTEN is down (polling still works), or when a result waits unwritten that long;
/// unhealthy when any of these lasts <see cref="JobsWorkerOptions.HealthUnhealthyAfter"/>, or the worker stopped.
/// </summary>
public sealed class JobsWorkerHealthCheck(JobsWorker worker) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.From(worker.Health, "worker", "Fetching jobs"));
}
