using Jobs.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, Action<JobsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<JobsClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddKeyedSingleton<NpgsqlDataSource>(JobsDataSourceKey, (_, _) => JobsDataSource.Create(connectionString));
        services.TryAddSingleton(sp => new JobsClient(sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSourceKey), sp.GetRequiredService<IOptions<JobsClientOptions>>().Value, sp.GetService<TimeProvider>()));
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
    /// Registers the worker as a hosted service, with its health check object. Call
    /// <see cref="AddJobs"/> first; options bind from configuration with the usual
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
        services.AddSingleton<IHostedService>(sp => new JobsWorkerService(sp.GetRequiredService<JobsWorker>()));
        return services;
    }

    /// <summary>The DI key of the framework's own NpgsqlDataSource, so it never clashes with the application's.</summary>
    public const string JobsDataSourceKey = "Jobs";
}
