namespace Jobs;

/// <summary>
/// Runs jobs of one task. Mark the class with <see cref="JobTaskAttribute"/>; the worker resolves
/// it from each job's own DI scope (the generated registration adds it as scoped).
/// </summary>
/// <typeparam name="TArgs">The job's payload, read from the job's JSON by generated code.</typeparam>
public interface IJobHandler<in TArgs>
{
    /// <summary>
    /// Runs one job. Throw <see cref="PermanentJobFailureException"/> for a failure retrying
    /// cannot fix; any other exception is retried with backoff until attempts run out.
    /// </summary>
    /// <param name="args">The job's payload.</param>
    /// <param name="context">The job's row, attempt and DI scope.</param>
    /// <param name="cancellationToken">Cancelled at the task's timeout or at worker shutdown.</param>
    Task HandleAsync(TArgs args, JobContext context, CancellationToken cancellationToken);
}
