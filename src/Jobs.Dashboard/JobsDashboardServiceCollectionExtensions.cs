using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Dashboard;

/// <summary>Registers what the dashboard needs beside <c>AddJobs</c>.</summary>
public static class JobsDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds ASP.NET Core's antiforgery services (and the data protection they use), which
    /// <see cref="JobsDashboardEndpoints.MapJobsDashboard"/> requires to protect its actions. Safe
    /// to call when the app already called <c>AddAntiforgery</c>: its options are kept.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery();
        return services;
    }
}
