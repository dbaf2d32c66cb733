using Jobs.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jobs;

/// <summary>Registers Jobs with Microsoft.Extensions.DependencyInjection. No scanning: every type is named.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client, the admin API and the data source for <paramref name="connectionString"/>.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, Action<JobsClientOptions>? configure = null) =>
        services.AddJobs(connectionString, new JobsDataSourceOptions(), configure);

    /// <summary>
    /// Registers the client, the admin API and the data source for <paramref name="connectionString"/>,
    /// set up as <paramref name="dataSourceOptions"/> says (e.g. <see cref="JobsDataSourceOptions.BehindPooler"/>
    /// for PgBouncer in transaction mode; then give the worker and scheduler a direct
    /// <c>ListenConnectionString</c>).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, JobsDataSourceOptions dataSourceOptions, Action<JobsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSourceOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<JobsClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddKeyedSingleton<NpgsqlDataSource>(JobsDataSourceKey, (_, _) => JobsDataSource.Create(connectionString, dataSourceOptions));
        services.TryAddSingleton(sp => new JobsClient(sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSourceKey), sp.GetRequiredService<IOptions<JobsClientOptions>>().Value, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IJobEnqueuer>(sp => sp.GetRequiredService<JobsClient>());
        services.TryAddSingleton(sp => new JobsAdmin(sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSourceKey), sp.GetRequiredService<IOptions<JobsClientOptions>>().Value));
        return services;
    }

    /// <summary>Registers a dispatcher (the generator emits one per assembly).</summary>
    public static IServiceCollection AddJobDispatcher(this IServiceCollection services, IJobDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dispatcher);
        services.AddSingleton(dispatcher);
        return services;
    }

    /// <summary>
    /// Registers the worker as a hosted service, with its health check object; calling it again adds
    /// no second worker (later <paramref name="configure"/> actions still apply). Call
    /// <see cref="AddJobs(IServiceCollection, string, Action{JobsClientOptions})"/> first; options bind from configuration with the usual
    /// <c>services.Configure&lt;JobsWorkerOptions&gt;(section)</c>.
    /// </summary>
    public static IServiceCollection AddJobsWorker(this IServiceCollection services, Action<JobsWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobsWorkerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton(sp => new JobsWorker(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSourceKey),
            sp.GetServices<IJobDispatcher>(),
            sp.GetRequiredService<IOptions<JobsWorkerOptions>>().Value,
            sp.GetRequiredService<IOptions<JobsClientOptions>>().Value,
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new JobsWorkerHealthCheck(sp.GetRequiredService<JobsWorker>()));
        // TryAddEnumerable by implementation type (AddHostedService): a second call adds no second worker.
        services.AddHostedService<JobsWorkerService>();
        return services;
    }

    /// <summary>
    /// Registers the recurring-job scheduler as a hosted service (once, however often it is called). Call <see cref="AddJobs(IServiceCollection, string, Action{JobsClientOptions})"/> first;
    /// schedules registered with <see cref="AddRecurringJob(IServiceCollection, RecurringJob)"/> (and by
    /// the generated <c>Add&lt;Assembly&gt;JobHandlers()</c> for <see cref="RecurringAttribute"/>) are
    /// stored when it starts. Options bind with <c>services.Configure&lt;JobsSchedulerOptions&gt;(section)</c>.
    /// </summary>
    public static IServiceCollection AddJobsScheduler(this IServiceCollection services, Action<JobsSchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobsSchedulerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        Registry(services);
        services.TryAddSingleton(sp => new JobsScheduler(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSourceKey),
            sp.GetRequiredService<IOptions<JobsSchedulerOptions>>().Value,
            sp.GetRequiredService<IOptions<JobsClientOptions>>().Value,
            sp.GetRequiredService<JobsScheduleRegistry>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new JobsSchedulerHealthCheck(sp.GetRequiredService<JobsScheduler>()));
        services.AddHostedService<JobsSchedulerService>();
        return services;
    }

    /// <summary>
    /// Registers a recurring job, stored by the scheduler when it starts. A later registration of the
    /// same key replaces an earlier one.
    /// </summary>
    public static IServiceCollection AddRecurringJob(this IServiceCollection services, RecurringJob job)
    {
        ArgumentNullException.ThrowIfNull(services);
        Registry(services).Add(job);
        return services;
    }

    /// <summary>Registers a recurring job of <paramref name="taskIdentifier"/> on a cron schedule, with an empty payload.</summary>
    /// <param name="services">The services.</param>
    /// <param name="taskIdentifier">The task to enqueue.</param>
    /// <param name="cron">Five fields, or six with seconds first.</param>
    /// <param name="timeZone">The zone the cron fields are read in; null for UTC.</param>
    public static IServiceCollection AddRecurringJob(this IServiceCollection services, string taskIdentifier, string cron, string? timeZone = null) =>
        services.AddRecurringJob(new RecurringJob(taskIdentifier, cron, timeZone));

    private static JobsScheduleRegistry Registry(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(JobsScheduleRegistry) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is JobsScheduleRegistry existing)
            {
                return existing;
            }
        }
        var registry = new JobsScheduleRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>The DI key of the framework's own NpgsqlDataSource, so it never clashes with the application's.</summary>
    public const string JobsDataSourceKey = "Jobs";
}
