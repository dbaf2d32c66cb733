using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// Healthy while the scheduler's claim passes reach the database and its LISTEN connection is up;
/// degraded when only LISTEN is down; unhealthy when claiming fails or the scheduler stopped.
/// </summary>
public sealed class JobsSchedulerHealthCheck(JobsScheduler scheduler) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.From(scheduler.Health, "scheduler", "Claiming schedules"));
}
