using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkerSample;

/// <summary>
/// Logs the health report when it changes. A web host would map it to /healthz instead; a plain
/// worker makes it visible in its logs (and to anything that reads them).
/// </summary>
public sealed class HealthReporter(HealthCheckService health, ILogger<HealthReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HealthStatus? last = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            var report = await health.CheckHealthAsync(stoppingToken);
            if (report.Status != last)
            {
                foreach (var (name, entry) in report.Entries)
                {
                    logger.LogInformation("Health {Check}: {Status} {Description}", name, entry.Status, entry.Description);
                }
                last = report.Status;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
