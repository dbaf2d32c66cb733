using Microsoft.Extensions.Diagnostics.HealthChecks;
using Jobs.Hosting;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jobs.Tests.Scheduling;

/// <summary>The scheduler as a hosted service from DI, with schedules registered in code.</summary>
public sealed class SchedulerHostingTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task A_hosted_scheduler_stores_the_registered_schedules_and_releases_them_when_stopped()
    {
        var services = new ServiceCollection()
            .AddJobs(Database.ConnectionString, o => o.DatabaseId = DatabaseId)
            .AddRecurringJob("nightly", "0 2 * * *")
            .AddRecurringJob("nightly", "0 3 * * *")
            .AddRecurringJob(new RecurringJob("weekly", "0 4 * * 0") { Key = "weekly-report", Priority = 2 })
            .AddJobsScheduler(o => { o.WorkerId = "hosted-scheduler"; o.PollInterval = TimeSpan.FromMinutes(10); })
            .AddJobsScheduler();
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>().OfType<JobsSchedulerService>());
        Assert.Equal(["recurring:nightly", "weekly-report"], provider.GetRequiredService<JobsScheduleRegistry>().Jobs.Select(j => j.Key));

        var health = provider.GetRequiredService<Jobs.Hosting.JobsSchedulerHealthCheck>();
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await hosted.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(hosted.Scheduler.ClaimedScheduleIds.Count == 2), "both schedules to be stored and claimed");
        await Eventually.TrueAsync(async () => (await health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy, "the scheduler to report healthy");
        Assert.Equal(
            """{"rule": "0 3 * * *"}""",
            await ScalarAsync<string>("SELECT schedule_info::jsonb::text FROM app_jobs.scheduled_jobs WHERE key = 'recurring:nightly'"));
        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.scheduled_jobs WHERE locked_by IS NOT NULL"));
    }

    [Fact]
    public void A_registration_without_a_database_id_is_refused_when_the_scheduler_is_built()
    {
        var exception = Assert.Throws<ArgumentException>(() => new JobsScheduler(DataSource, registry: new JobsScheduleRegistry().Add(new RecurringJob("nightly", "0 2 * * *"))));
        Assert.Contains("recurring:nightly", exception.Message, StringComparison.Ordinal);
    }
}
