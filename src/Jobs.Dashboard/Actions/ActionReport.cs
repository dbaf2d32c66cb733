namespace Jobs.Dashboard.Actions;

/// <summary>What an action did: the jobs changed, those left alone and why, the ids not found.</summary>
internal sealed record ActionReport(IReadOnlyList<long> Changed, IReadOnlyList<(long Id, string Reason)> LeftAlone, IReadOnlyList<long> NotFound)
{
    /// <summary>Changes in statements of this many jobs, as the CLI does: none holds locks on a huge set for long.</summary>
    public const int BatchSize = 1_000;

    // Every job found goes to the database, which applies the rules (running jobs, live locks) in
    // the same statement that changes them: the confirmation's forecast may be out of date.
    public static async Task<ActionReport> ApplyAsync(DashboardAction action, JobSelection selection, ActionParameters parameters, CancellationToken cancellationToken)
    {
        var changed = new HashSet<long>();
        foreach (var batch in selection.Found.Select(job => job.Id).Chunk(BatchSize))
        {
            var rows = await action.ApplyAsync(selection.Admin, batch, parameters, cancellationToken).ConfigureAwait(false);
            changed.UnionWith(rows.Select(job => job.Id));
        }
        var now = DateTimeOffset.UtcNow;
        return new ActionReport(
            selection.Found.Where(job => changed.Contains(job.Id)).Select(job => job.Id).ToList(),
            selection.Found.Where(job => !changed.Contains(job.Id))
                .Select(job => (job.Id, action.WhyLeftAlone(job, parameters, now) ?? "taken by a worker or gone before the change")).ToList(),
            selection.NotFound);
    }
}
