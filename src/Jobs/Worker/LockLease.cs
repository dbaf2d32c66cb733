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
    private readonly TimeSpan _limit;
    private readonly Action _detach;
    private volatile bool _ended;

    /// <param name="run">The run's source, created with the worker's <see cref="TimeProvider"/>.</param>
    /// <param name="limit">How long the lock may go unconfirmed.</param>
    /// <param name="remaining">What is left of it now (the lock was written a little earlier).</param>
    /// <param name="detach">Forgets the lease where confirmations look for it.</param>
    public LockLease(CancellationTokenSource run, TimeSpan limit, TimeSpan remaining, Action detach)
    {
        _run = run;
        _limit = limit;
        _detach = detach;
        run.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    /// <summary>How long the lock may go unconfirmed.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>Whether the run was cancelled because its lock went unconfirmed (and not by anything else).</summary>
    public bool Lost(CancellationToken shutdown) => _run.IsCancellationRequested && !shutdown.IsCancellationRequested;

    /// <summary>A renewal wrote the lock: the count starts again.</summary>
    public void Confirmed()
    {
        if (_ended)
        {
            return;
        }
        try
        {
            _run.CancelAfter(_limit);
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the check and the call.
        }
    }

    public void Dispose()
    {
        _ended = true;
        _detach();
    }
}
