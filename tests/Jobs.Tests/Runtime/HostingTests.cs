using Jobs.Testing;
using Jobs.Hosting;
using Jobs.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Jobs.Tests.Runtime;

/// <summary>The worker as a hosted service from DI, with its health check and scoped handlers.</summary>
public sealed class HostingTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task A_hosted_worker_runs_jobs_in_a_scope_per_job_and_reports_health()
    {
        var scopes = new System.Collections.Concurrent.ConcurrentBag<ScopeProbe>();
        var services = new ServiceCollection()
            .AddJobs(Database.ConnectionString, o => o.DatabaseId = DatabaseId)
            .AddScoped<ScopeProbe>()
            .AddJobDispatcher(new TestDispatcher().Handle("scoped", (context, _) =>
            {
                scopes.Add(context.Services.GetRequiredService<ScopeProbe>());
                return Task.CompletedTask;
            }))
            .AddJobsWorker(o => { o.Concurrency = 2; o.PollInterval = TimeSpan.FromMinutes(10); });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().OfType<JobsWorkerService>().Single();
        var health = provider.GetRequiredService<JobsWorkerHealthCheck>();

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        await hosted.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy, "the worker to report healthy");

        var client = provider.GetRequiredService<JobsClient>();
        await client.EnqueueManyAsync(Enumerable.Range(0, 5).Select(_ => new JobRequest("scoped", default)));
        await WaitForNoJobsAsync();
        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(5, scopes.Count);
        Assert.Equal(5, scopes.Distinct().Count());
        Assert.All(scopes, probe => Assert.True(probe.Disposed));
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public void Two_dispatchers_claiming_one_task_are_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JobsWorker(DataSource,
        [
            new TestDispatcher().Handle("shared_name", (_, _) => Task.CompletedTask),
            new TestDispatcher().Handle("shared_name", (_, _) => Task.CompletedTask),
        ]));
        Assert.Contains("'shared_name' has two handlers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_without_tasks_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new JobsWorker(DataSource, [new TestDispatcher()]));
    }

    public sealed class ScopeProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
