using Jobs.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jobs.UnitTests.Hosting;

/// <summary>
/// Registration alone: the services are built and resolved, never started, so no database is
/// needed (a data source connects only when first used).
/// </summary>
public sealed class RegistrationTests
{
    private const string Unused = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing";

    [Fact]
    public async Task Adding_the_worker_twice_registers_one_hosted_worker_with_both_configurations()
    {
        var services = new ServiceCollection()
            .AddJobs(Unused, o => o.DatabaseId = Guid.NewGuid())
            .AddJobDispatcher(new NoDispatcher())
            .AddJobsWorker(o => o.Concurrency = 3)
            .AddJobsWorker(o => o.PollInterval = TimeSpan.FromSeconds(7));

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        var worker = Assert.IsType<JobsWorkerService>(hosted).Worker;
        Assert.Same(provider.GetRequiredService<JobsWorker>(), worker);
        var options = provider.GetRequiredService<IOptions<JobsWorkerOptions>>().Value;
        Assert.Equal(3, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(7), options.PollInterval);
    }

    [Fact]
    public async Task Adding_the_scheduler_twice_registers_one_hosted_scheduler()
    {
        var services = new ServiceCollection()
            .AddJobs(Unused, o => o.DatabaseId = Guid.NewGuid())
            .AddJobsScheduler()
            .AddRecurringJob("report", "*/10 * * * *")
            .AddJobsScheduler();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.IsType<JobsSchedulerService>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Same(provider.GetRequiredService<JobsScheduler>(), hosted.Scheduler);
    }

    [Fact]
    public async Task The_worker_and_the_scheduler_are_two_hosted_services_beside_the_applications_own()
    {
        var services = new ServiceCollection()
            .AddHostedService<ApplicationService>()
            .AddJobs(Unused, o => o.DatabaseId = Guid.NewGuid())
            .AddJobDispatcher(new NoDispatcher())
            .AddJobsWorker()
            .AddJobsScheduler()
            .AddJobsWorker()
            .AddJobsScheduler();

        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Equal(3, hosted.Count);
        Assert.Single(hosted.OfType<JobsWorkerService>());
        Assert.Single(hosted.OfType<JobsSchedulerService>());
        Assert.Single(hosted.OfType<ApplicationService>());
    }

    private sealed class NoDispatcher : IJobDispatcher
    {
        public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new("noop")];

        public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class ApplicationService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
