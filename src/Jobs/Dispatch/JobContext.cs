namespace Jobs;

/// <summary>The job being run, as a handler sees it.</summary>
public sealed class JobContext
{
    /// <summary>
    /// A context for calling a handler yourself, as a unit test does: no database, no worker. The
    /// handler sees <paramref name="job"/> (its attempt, queue, key, payload), runs as
    /// <paramref name="workerId"/>, and resolves what it asks of <see cref="Services"/> from
    /// <paramref name="services"/> (none unless given).
    /// </summary>
    public static JobContext ForTest(JobRow job, IServiceProvider? services = null, string workerId = "test-worker")
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return new JobContext(job, workerId, services ?? Worker.EmptyServiceProvider.Instance);
    }

    internal JobContext(JobRow job, string workerId, IServiceProvider services)
    {
        Job = job;
        WorkerId = workerId;
        Services = services;
    }

    /// <summary>The job's row as fetched (attempts already counts this run).</summary>
    public JobRow Job { get; }

    /// <summary>The job's id.</summary>
    public long Id => Job.Id;

    /// <summary>The task name.</summary>
    public string TaskIdentifier => Job.TaskIdentifier;

    /// <summary>This run's number, from 1.</summary>
    public int Attempt => Job.Attempts;

    /// <summary>Runs allowed before the job is permanently failed.</summary>
    public int MaxAttempts => Job.MaxAttempts;

    /// <summary>True when a failure of this run fails the job permanently.</summary>
    public bool IsLastAttempt => Job.Attempts >= Job.MaxAttempts;

    /// <summary>The named queue, if any.</summary>
    public string? Queue => Job.QueueName;

    /// <summary>The job key, if any.</summary>
    public string? Key => Job.Key;

    /// <summary>The tenant.</summary>
    public Guid DatabaseId => Job.DatabaseId;

    /// <summary>The worker running the job.</summary>
    public string WorkerId { get; }

    /// <summary>The payload as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Payload => Job.PayloadUtf8;

    /// <summary>The job's own DI scope.</summary>
    public IServiceProvider Services { get; }
}
