namespace Jobs;

/// <summary>
/// What code that enqueues jobs needs: <see cref="JobsClient"/> in an app, a recording double in a
/// unit test (Jobs.Testing's <c>RecordingJobEnqueuer</c>), so such code is tested without a
/// database and without mocking a sealed class. The generated typed methods
/// (<c>EnqueueSendEmailAsync</c>, <c>EnqueueManySendEmailAsync</c>) extend it; those that enqueue
/// inside the caller's transaction extend <see cref="JobsClient"/> itself. <c>AddJobs</c>
/// registers the client as this interface too.
/// </summary>
public interface IJobEnqueuer
{
    /// <summary>Enqueues one job and returns it as stored.</summary>
    Task<JobRow> EnqueueAsync(JobRequest job, CancellationToken cancellationToken = default);

    /// <summary>Enqueues many jobs in one round trip and returns them as stored, in input order.</summary>
    Task<IReadOnlyList<JobRow>> EnqueueManyAsync(IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default);
}
