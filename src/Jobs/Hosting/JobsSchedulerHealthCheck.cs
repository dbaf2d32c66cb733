using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// Healthy while the scheduler's claim passes complete and its LISTEN connection is up. Degraded when
/// a claim pass has not completed within <see cref="JobsSchedulerOptions.HealthDegradedAfter"/> (or
/// fails) or LISTEN is down; unhealthy when either lasts <see cref="JobsSchedulerOptions.HealthUnhealthyAfter"/>,
/// or the scheduler stopped.
/// </summary>
public sealed class JobsSchedulerHealthCheck(JobsScheduler scheduler) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.From(scheduler.Health, "scheduler", "Claiming schedules"));
}
