using Jobs.Dashboard.Pages;

namespace Jobs.Dashboard.Actions;

/// <summary>
/// The jobs an action is pointed at, read now: those found (by id, or every job matching the
/// filter), the ids not found, and the admin (scoped to the filter's database) that changes them.
/// </summary>
internal sealed record JobSelection(JobsAdmin Admin, IReadOnlyList<SelectedJob> Found, IReadOnlyList<long> NotFound)
{
    private const int PageSize = 1_000;

    /// <summary>The selection, or why the filter cannot select anything.</summary>
    public static async Task<(JobSelection? Selection, string? Error)> ReadAsync(JobsAdmin admin, ActionTarget target, DashboardAction action, CancellationToken cancellationToken)
    {
        if (!target.AllMatching)
        {
            var found = new List<SelectedJob>();
            var missing = new List<long>();
            foreach (var id in target.Ids)
            {
                var job = await admin.GetAsync(id, cancellationToken).ConfigureAwait(false);
                if (job is null)
                {
                    missing.Add(id);
                }
                else
                {
                    found.Add(SelectedJob.Of(job));
                }
            }
            return (new JobSelection(admin, found, missing), null);
        }

        var (filter, scoped, error) = Scope(admin, target.Filter, PageSize);
        if (filter is null)
        {
            return (null, error);
        }
        // Unlock frees running jobs only, as the CLI's does: a filter without a state means those.
        if (action == DashboardAction.Unlock && filter.State is null)
        {
            filter = filter with { State = JobState.Running };
        }
        try
        {
            return (new JobSelection(scoped, await ReadMatchingAsync(scoped, target.Filter.Key, filter, cancellationToken).ConfigureAwait(false), []), null);
        }
        catch (ArgumentException ex)
        {
            return (null, Message(ex));
        }
    }

    /// <summary>How many jobs match the list's filter (ignoring its page position), or null when the filter cannot match.</summary>
    public static async Task<long?> CountAsync(JobsAdmin admin, JobListFilterQuery query, CancellationToken cancellationToken)
    {
        var (filter, scoped, _) = Scope(admin, query with { Before = null }, 1);
        if (filter is null)
        {
            return null;
        }
        try
        {
            if (query.Key is not null)
            {
                var job = await scoped.GetByKeyAsync(query.Key, cancellationToken).ConfigureAwait(false);
                return job is not null && filter.Matches(job) ? 1 : 0;
            }
            return await scoped.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A message from the admin's argument checks, without the parameter's name.</summary>
    public static string Message(ArgumentException ex) => ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);

    private static (JobListFilter? Filter, JobsAdmin Admin, string? Error) Scope(JobsAdmin admin, JobListFilterQuery query, int limit)
    {
        var (filter, databaseId, error) = query.ToFilter(limit, admin.DatabaseId);
        return (filter, databaseId is { } id ? admin.ForDatabase(id) : admin, error);
    }

    // Keyset pages, newest first, until a short page: every job the filter matches now.
    private static async Task<List<SelectedJob>> ReadMatchingAsync(JobsAdmin admin, string? key, JobListFilter filter, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            var job = await admin.GetByKeyAsync(key, cancellationToken).ConfigureAwait(false);
            return job is not null && filter.Matches(job) ? [SelectedJob.Of(job)] : [];
        }
        var matches = new List<SelectedJob>();
        var page = filter;
        while (true)
        {
            var jobs = await admin.ListAsync(page, cancellationToken).ConfigureAwait(false);
            matches.AddRange(jobs.Select(SelectedJob.Of));
            if (jobs.Count < page.Limit)
            {
                return matches;
            }
            page = page with { BeforeId = jobs[^1].Id };
        }
    }
}
