namespace Jobs.Dashboard;

/// <summary>How <see cref="JobsDashboardEndpoints.MapJobsDashboard"/> serves the dashboard.</summary>
public sealed class JobsDashboardOptions
{
    /// <summary>
    /// The admin the pages read and act through. Null: the <see cref="JobsAdmin"/> registered by
    /// <c>AddJobs</c>.
    /// </summary>
    public JobsAdmin? Admin { get; set; }

    /// <summary>
    /// The client the Enqueue page enqueues through. Null: the <see cref="JobsClient"/> registered by
    /// <c>AddJobs</c>; without either there is no Enqueue page. A dashboard whose admin is scoped
    /// to one database id enqueues with that id.
    /// </summary>
    public JobsClient? Client { get; set; }

    /// <summary>The page title and heading; default "Jobs".</summary>
    public string Title { get; set; } = "Jobs";

    /// <summary>How often an open page refreshes itself while its tab is visible; default 5 s. Zero turns live refresh off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old the overview's counts may be before they are counted again; default 2 s. Counting
    /// reads the whole table, so viewers share one count, and an older one is shown (with its age)
    /// while the next is read. Zero counts afresh for every page.
    /// </summary>
    public TimeSpan OverviewMaxAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Jobs per page of the job list; default 50, at most 500.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// True: the dashboard only shows. No action (retry, fail, delete, reschedule, unlock) is
    /// offered, and every POST is answered 403. Default false. A read-only dashboard needs no
    /// antiforgery services.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// The authorization policy a user must also satisfy to act on jobs; null: whoever may see the
    /// dashboard may act. With <c>MapJobsDashboard(...).RequireAuthorization("viewers")</c> this
    /// separates viewers from operators: users outside this policy see no action forms, and their
    /// POSTs are answered 403. The policy must be registered with <c>AddAuthorization</c>.
    /// </summary>
    public string? OperatorPolicy { get; set; }
}
