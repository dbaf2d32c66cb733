using System.Globalization;

namespace Jobs.TestWorker;

/// <summary>
/// Task "chaos": a few milliseconds of work (400 ms for every fiftieth job), journaled at start and end. Every seventh job fails
/// its first attempt, with the attempt in the message, so the suite can tell which attempt a
/// failure written to the table came from.
/// </summary>
public sealed class ChaosDispatcher(ExecutionJournal journal) : IJobDispatcher
{
    // Long enough that a worker starved of CPU on a loaded machine (the whole suite runs beside it)
    // still renews in time: a lock lost that way would be a rerun nothing in the suite explains.
    public static readonly TimeSpan JobExpiry = TimeSpan.FromSeconds(5);

    public const string FailurePrefix = "chaos failure of attempt ";

    public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor("chaos")];

    public async ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
    {
        journal.Started(context.Id, context.Attempt);
        var succeeded = false;
        try
        {
            // Every fiftieth job runs long enough for a late result of an earlier attempt to
            // arrive while it runs.
            await Task.Delay(context.Id % 50 == 0 ? 400 : Random.Shared.Next(2, 20), cancellationToken);
            if (context.Id % 7 == 0 && context.Attempt == 1)
            {
                throw new InvalidOperationException(FailurePrefix + context.Attempt.ToString(CultureInfo.InvariantCulture));
            }
            succeeded = true;
        }
        finally
        {
            journal.Ended(context.Id, context.Attempt, succeeded);
        }
    }
}
