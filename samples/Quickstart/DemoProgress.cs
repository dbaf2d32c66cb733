using Jobs;

namespace Quickstart;

/// <summary>Counts this run's finished jobs, prints them, and completes when all are done.</summary>
public sealed class DemoProgress(Guid run, int expected)
{
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _done;

    public Task AllDone => _allDone.Task;

    public void Done(JobContext context, string what)
    {
        if (context.DatabaseId != run)
        {
            return; // left over from an earlier run against the same database
        }
        var done = Interlocked.Increment(ref _done);
        // Print the interesting ones and every tenth of the batch, not 100 lines of thumbnails.
        if (context.TaskIdentifier != "make_thumbnail" || done % 10 == 0)
        {
            Console.WriteLine($"[{done,3}/{expected}] job {context.Id} ({context.TaskIdentifier}): {what}");
        }
        if (done == expected)
        {
            _allDone.TrySetResult();
        }
    }
}
