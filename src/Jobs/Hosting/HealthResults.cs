using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Hosting;

/// <summary>
/// One reading of a loop's <see cref="WorkerHealth"/>. Unhealthy when it is stopped. Otherwise each
/// condition is judged by how long it has lasted (<see cref="HealthThresholds"/>):
/// <list type="bullet">
/// <item>a fetch wanted (slots idle, work due) and not completed: degraded once it lasts
/// <c>DegradedAfter</c> (at once when the fetch fails), unhealthy after <c>UnhealthyAfter</c>;</item>
/// <item>the LISTEN connection down: degraded at once (polling still works), unhealthy after
/// <c>UnhealthyAfter</c>;</item>
/// <item>a result waiting unwritten: degraded after <c>DegradedAfter</c>, unhealthy after
/// <c>UnhealthyAfter</c>;</item>
/// <item>an operation refused for want of a privilege: unhealthy at once, until it succeeds.</item>
/// </list>
/// The worst condition decides; the description names every one.
/// </summary>
internal static class HealthResults
{
    public static HealthCheckResult From(WorkerHealth health, string what, string roundTrip)
    {
        var now = health.Clock.GetUtcNow();
        var limits = health.Thresholds;
        var data = new Dictionary<string, object>
        {
            ["worker_id"] = health.WorkerId,
            ["running_jobs"] = health.RunningJobs,
            ["listener_connected"] = health.ListenerConnected,
        };
        if (!health.IsRunning)
        {
            return HealthCheckResult.Unhealthy($"The {what} is not running.", data: data);
        }
        if (health.MissingPrivileges is { Count: > 0 } missing)
        {
            // Retrying cannot fix this: only a grant can (see `jobs grants`).
            data["missing_privileges"] = string.Join("; ", missing.Select(m => $"{m.Key}: {m.Value}"));
            return HealthCheckResult.Unhealthy(
                $"The database role lacks a privilege the {what} needs: {data["missing_privileges"]}. `jobs grants --for worker` prints the grants.", data: data);
        }

        var status = HealthStatus.Healthy;
        var problems = new List<string>();
        void Judge(DateTimeOffset? since, string key, bool degradedAtOnce, string problem)
        {
            if (since is not { } start)
            {
                return;
            }
            data[key] = start;
            var lasted = now - start;
            var judged = lasted >= limits.UnhealthyAfter ? HealthStatus.Unhealthy
                : degradedAtOnce || lasted >= limits.DegradedAfter ? HealthStatus.Degraded
                : HealthStatus.Healthy;
            if (judged == HealthStatus.Healthy)
            {
                return;
            }
            problems.Add($"{problem} (for {Seconds(lasted)})");
            status = judged < status ? judged : status;
        }

        if (health.LastSuccessfulFetch is { } last)
        {
            data["last_successful_fetch"] = last;
        }
        var error = health.LastFetchError;
        Judge(health.FetchWantedSince, "fetch_wanted_since", degradedAtOnce: error is not null,
            error is null ? $"{roundTrip} has not completed while work is due" : $"{roundTrip} fails: {error}");
        if (!health.ListenerConnected)
        {
            var listenerError = health.ListenerError;
            Judge(health.ListenerDownSince, "listener_down_since", degradedAtOnce: true,
                $"the LISTEN connection is down{(listenerError is null ? "" : $" ({listenerError})")}; the {what} polls meanwhile");
        }
        Judge(health.OldestUnwrittenOutcomeSince, "oldest_unwritten_outcome_since", degradedAtOnce: false, "job results wait unwritten");

        return status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy(data: data)
            : new HealthCheckResult(status, Capitalize(string.Join("; ", problems)) + ".", data: data);
    }

    private static string Seconds(TimeSpan span) => $"{Math.Max(0, span.TotalSeconds):0.#} s";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
