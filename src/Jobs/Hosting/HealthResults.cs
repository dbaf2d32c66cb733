using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// One reading of a loop's <see cref="WorkerHealth"/>: healthy while it reaches the database and
/// its LISTEN connection is up; degraded when only LISTEN is down (polling still works);
/// unhealthy when it is stopped or its database round trips fail.
/// </summary>
internal static class HealthResults
{
    public static HealthCheckResult From(WorkerHealth health, string what, string roundTrip)
    {
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
        return !health.IsRunning ? HealthCheckResult.Unhealthy($"The {what} is not running.", data: data)
            : health.LastFetchError is { } error ? HealthCheckResult.Unhealthy($"{roundTrip} fails: {error}", data: data)
            : !health.ListenerConnected ? HealthCheckResult.Degraded($"The LISTEN connection is down; the {what} polls meanwhile.", data: data)
            : HealthCheckResult.Healthy(data: data);
    }
}
