using Jobs.Cli.Database;

namespace Jobs.Cli.Commands.Actions;

/// <summary>The jobs a command was pointed at: those found (by id, or every job matching the filter), and the ids not found.</summary>
internal sealed record JobSelection(IReadOnlyList<SelectedJob> Found, IReadOnlyList<long> NotFound)
{
    private const int PageSize = 1_000;

    /// <summary>The jobs <paramref name="ids"/> (one read each; ids come from a person), or every job matching <paramref name="filter"/>.</summary>
    public static async Task<JobSelection> ReadAsync(JobsSession session, IReadOnlyList<long> ids, JobListFilter? filter, CancellationToken cancellationToken)
    {
        var admin = session.Admin;
        if (filter is null)
        {
            var found = new List<SelectedJob>();
            var missing = new List<long>();
            foreach (var id in ids.Distinct())
            {
                var job = await session.RunAsync("read the jobs", () => admin.GetAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (job is null)
                {
                    missing.Add(id);
                }
                else
                {
                    found.Add(SelectedJob.Of(job));
                }
            }
            return new JobSelection(found, missing);
        }

        // Keyset pages, newest first, until a short page: every job the filter matches now.
        var matches = new List<SelectedJob>();
        var page = filter with { Limit = PageSize };
        while (true)
        {
            var jobs = await session.RunAsync("list jobs", () => admin.ListAsync(page, cancellationToken), cancellationToken).ConfigureAwait(false);
            matches.AddRange(jobs.Select(SelectedJob.Of));
            if (jobs.Count < PageSize)
            {
                return new JobSelection(matches, []);
            }
            page = page with { BeforeId = jobs[^1].Id };
        }
    }
}
