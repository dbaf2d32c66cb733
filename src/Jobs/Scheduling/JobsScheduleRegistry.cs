namespace Jobs;

/// <summary>
/// The recurring jobs registered in code, one per key (a later registration of a key replaces the
/// earlier one, so application code can override a generated <see cref="RecurringAttribute"/>
/// schedule). The scheduler upserts them when it starts.
/// </summary>
public sealed class JobsScheduleRegistry
{
    private readonly Dictionary<string, RecurringJob> _jobs = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Adds or replaces the registration of <paramref name="job"/>'s key.</summary>
    /// <exception cref="ArgumentException">The queue, key, max attempts or payload break the schema's limits (NUL, lone surrogates and lengths included); <c>ParamName</c> is <c>job</c>.</exception>
    public JobsScheduleRegistry Add(RecurringJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate(nameof(job));
        lock (_gate)
        {
            _jobs[job.Key] = job;
        }
        return this;
    }

    /// <summary>The registrations, in key order.</summary>
    public IReadOnlyList<RecurringJob> Jobs
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Values.OrderBy(j => j.Key, StringComparer.Ordinal).ToArray();
            }
        }
    }
}
