namespace Jobs.Dashboard.Actions;

/// <summary>
/// One of the five things the dashboard does to jobs: its form value, its words, and the
/// <see cref="JobsAdmin"/> call that does it. The admin's statements decide what is changed (they
/// leave running jobs alone); <see cref="WhyLeftAlone"/> only forecasts it for the confirmation.
/// </summary>
internal sealed class DashboardAction
{
    public static readonly DashboardAction Retry = new("retry", "Retry now", "Retry", "retried",
        (admin, ids, _, cancellationToken) => admin.RetryNowAsync(ids, cancellationToken));

    public static readonly DashboardAction Fail = new("fail", "Fail permanently", "Permanently fail", "permanently failed",
        (admin, ids, parameters, cancellationToken) => admin.PermanentlyFailAsync(ids, parameters.Reason, cancellationToken));

    public static readonly DashboardAction Delete = new("delete", "Delete", "Delete", "deleted",
        (admin, ids, _, cancellationToken) => admin.DeleteAsync(ids, cancellationToken));

    // "Now" is taken when the change is made, not when the form was shown.
    public static readonly DashboardAction Reschedule = new("reschedule", "Reschedule", "Reschedule", "rescheduled",
        (admin, ids, parameters, cancellationToken) => admin.RescheduleAsync(ids, parameters.RunAt ?? DateTimeOffset.UtcNow, cancellationToken: cancellationToken));

    public static readonly DashboardAction Unlock = new("unlock", "Unlock", "Unlock", "unlocked",
        (admin, ids, parameters, cancellationToken) => admin.UnlockStaleAsync(ids, parameters.OlderThan, cancellationToken));

    /// <summary>In the order the buttons appear.</summary>
    public static readonly IReadOnlyList<DashboardAction> All = [Retry, Fail, Delete, Reschedule, Unlock];

    private readonly Func<JobsAdmin, long[], ActionParameters, CancellationToken, Task<List<JobRow>>> _apply;

    private DashboardAction(string name, string label, string verb, string done, Func<JobsAdmin, long[], ActionParameters, CancellationToken, Task<List<JobRow>>> apply)
    {
        Name = name;
        Label = label;
        Verb = verb;
        Done = done;
        _apply = apply;
    }

    /// <summary>The form value: "retry".</summary>
    public string Name { get; }

    /// <summary>The button's text: "Retry now".</summary>
    public string Label { get; }

    /// <summary>The question's verb: "Retry" (3 jobs?).</summary>
    public string Verb { get; }

    /// <summary>The report's verb: "retried".</summary>
    public string Done { get; }

    public static DashboardAction? Named(string? name) => All.FirstOrDefault(action => action.Name == name);

    /// <summary>Why <paramref name="job"/> would be left alone, or null when it would change: a forecast, the database decides.</summary>
    public string? WhyLeftAlone(SelectedJob job, ActionParameters parameters, DateTimeOffset now)
    {
        if (this == Unlock)
        {
            return job.LockedAt is not { } lockedAt ? "not locked"
                : now - lockedAt < parameters.OlderThan ? "locked by a live worker"
                : null;
        }
        return job.LockedAt is not null ? "running" : null;
    }

    /// <summary>Changes <paramref name="ids"/> as far as the admin's rules allow; returns the jobs changed.</summary>
    public Task<List<JobRow>> ApplyAsync(JobsAdmin admin, long[] ids, ActionParameters parameters, CancellationToken cancellationToken) =>
        _apply(admin, ids, parameters, cancellationToken);
}
