namespace Jobs.Worker;

/// <summary>
/// Stops a running job before its lock can expire under it. Renewals confirm the lock every quarter
/// of the expiry; when they fail or hang (a frozen network, a database away), the lock ages, and
/// once it expires another worker may take the job and run it beside this one. So the run is
/// cancelled once the lock has gone unconfirmed for the limit (three quarters of the expiry, the
/// age past which a buffered job is no longer started): the handler stops while the lock is still
/// this worker's, and the attempt is recorded as failed. Each confirmation restarts the count.
/// </summary>
/// <remarks>
/// The run's source carries the worker's <see cref="TimeProvider"/>, so its CancelAfter is the
/// timer: no second one per job.
/// </remarks>
internal sealed class LockLease : IDisposable
{
    private readonly CancellationTokenSource _run;
    private readonly TimeProvider _time;
    private readonly TimeSpan _limit;
    private readonly Action _detach;
    private volatile bool _ended;

    /// <param name="run">The run's source, created with <paramref name="time"/>.</param>
    /// <param name="time">The worker's clock.</param>
    /// <param name="limit">How long the lock may go unconfirmed.</param>
    /// <param name="writtenAt">When the lock was last written, at the latest (when the statement writing it was sent).</param>
    /// <param name="detach">Forgets the lease where confirmations look for it.</param>
    public LockLease(CancellationTokenSource run, TimeProvider time, TimeSpan limit, DateTimeOffset writtenAt, Action detach)
    {
        _run = run;
        _time = time;
        _limit = limit;
        _detach = detach;
        run.CancelAfter(Remaining(writtenAt));
    }

    /// <summary>How long the lock may go unconfirmed.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>Whether the run was cancelled because its lock went unconfirmed (and not by anything else).</summary>
    public bool Lost(CancellationToken shutdown) => _run.IsCancellationRequested && !shutdown.IsCancellationRequested;

    /// <summary>
    /// A renewal wrote the lock: the count starts again from <paramref name="writtenAt"/>, when the
    /// renewal was sent. Not from now: an answer that came back late must not stretch the lease past
    /// the expiry the database counts from its own write.
    /// </summary>
    public void Confirmed(DateTimeOffset writtenAt)
    {
        if (_ended)
        {
            return;
        }
        try
        {
            _run.CancelAfter(Remaining(writtenAt));
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the check and the call.
        }
    }

    private TimeSpan Remaining(DateTimeOffset writtenAt)
    {
        var remaining = _limit - (_time.GetUtcNow() - writtenAt);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    public void Dispose()
    {
        _ended = true;
        _detach();
    }
}
