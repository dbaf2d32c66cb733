using System.Collections.Concurrent;

namespace Jobs.EndToEnd.Tests.Handlers;

/// <summary>What the handlers were given, by job id; a test awaits a job's arguments instead of polling.</summary>
public sealed class Received
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<object>> _jobs = new();

    public void Record(JobContext context, object args) => Slot(context.Id).TrySetResult(args);

    public async Task<T> ForJobAsync<T>(long jobId, TimeSpan? timeout = null) =>
        (T)await Slot(jobId).Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));

    public int Count => _jobs.Values.Count(slot => slot.Task.IsCompleted);

    private TaskCompletionSource<object> Slot(long jobId) =>
        _jobs.GetOrAdd(jobId, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}
