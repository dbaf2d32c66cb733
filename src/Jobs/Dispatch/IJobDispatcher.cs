namespace Jobs;

/// <summary>
/// Turns a fetched job into a handler call: task name → read payload → handler from the job's
/// DI scope → invoke. The source generator emits one per assembly; the worker merges them and
/// refuses two dispatchers claiming the same task name.
/// </summary>
public interface IJobDispatcher
{
    /// <summary>The tasks this dispatcher runs.</summary>
    IReadOnlyList<JobTaskDescriptor> Tasks { get; }

    /// <summary>
    /// Runs the job. Throw <see cref="JobPayloadException"/> when the payload cannot be read,
    /// <see cref="PermanentJobFailureException"/> for a failure that retrying cannot fix, and
    /// anything else for a failure worth retrying.
    /// </summary>
    ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken);
}
