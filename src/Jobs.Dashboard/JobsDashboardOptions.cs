namespace Jobs.Dashboard;

/// <summary>How <see cref="JobsDashboardEndpoints.MapJobsDashboard"/> serves the dashboard.</summary>
public sealed class JobsDashboardOptions
{
    /// <summary>
    /// The admin the pages read through (and later act through). Null: the <see cref="JobsAdmin"/>
    /// registered by <c>AddJobs</c>.
    /// </summary>
    public JobsAdmin? Admin { get; set; }

    /// <summary>The page title and heading; default "Jobs".</summary>
    public string Title { get; set; } = "Jobs";

    /// <summary>How often an open page refreshes itself while its tab is visible; default 5 s. Zero turns live refresh off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs per page of the job list; default 50, at most 500.</summary>
    public int PageSize { get; set; } = 50;
}
