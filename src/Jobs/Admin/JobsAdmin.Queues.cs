using Jobs.Sql.Bindings;

namespace Jobs;

// Pausing and resuming named queues.
public sealed partial class JobsAdmin
{
    /// <summary>
    /// The <c>locked_by</c> of a paused named queue (the same sentinel as a paused schedule's). A
    /// paused queue's lock is held by it with locked_at 'infinity', so no worker takes the queue's
    /// jobs: not ours, not the schema's own <c>get_job</c>, not another service's worker sharing the
    /// database. A named queue is shared by every database id: pausing it pauses it for all.
    /// </summary>
    public const string PausedQueueHolder = PausedScheduleHolder;

    /// <summary>
    /// Pauses the named queue: no worker starts another of its jobs until
    /// <see cref="ResumeQueueAsync"/>. A job of it running now runs to its end. A queue without
    /// jobs can be paused before they come; deleting the last job of a paused queue ends the pause
    /// (the schema drops a queue's row when its count reaches zero).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="queue"/> is empty, too long for the schema, or holds NUL or a lone surrogate.</exception>
    public async Task<QueueChange> PauseQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        JobLimits.ValidateQueue(queue, nameof(queue));
        await using var command = _sql.Command(_dataSource, new PauseQueueQuery(queue, PausedQueueHolder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var previous = reader.IsDBNull(1) ? null : reader.GetString(1);
        return new QueueChange(previous == PausedQueueHolder ? QueueChangeOutcome.Unchanged : QueueChangeOutcome.Changed, reader.GetString(0), previous);
    }

    /// <summary>
    /// Resumes a paused named queue and wakes idle workers (NOTIFY jobs:insert). A queue that is not
    /// paused, whether free or held by a worker running one of its jobs, is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="queue"/> is empty, too long for the schema, or holds NUL or a lone surrogate.</exception>
    public async Task<QueueChange> ResumeQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        JobLimits.ValidateQueue(queue, nameof(queue));
        await using var command = _sql.Command(_dataSource, new ResumeQueueQuery(queue, PausedQueueHolder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new QueueChange(QueueChangeOutcome.NotFound, queue, null);
        }
        return new QueueChange(reader.GetBoolean(2) ? QueueChangeOutcome.Changed : QueueChangeOutcome.Unchanged,
            reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
