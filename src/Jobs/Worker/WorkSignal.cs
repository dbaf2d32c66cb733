namespace Jobs.Worker;

/// <summary>
/// An auto-reset signal: any number of Set calls before a wait wake that one wait. A burst of
/// NOTIFYs therefore costs one extra fetch, not one per job. Meant for one waiter at a time,
/// whose waits always run to completion (an abandoned wait would still consume a Set).
/// </summary>
internal sealed class WorkSignal(WorkSignal? alsoWakes = null)
{
    private TaskCompletionSource _source = NewSource();
    private long _sets;

    /// <summary>How many times Set was called: lets a waiter tell whether anything happened since a point.</summary>
    public long Sets => Interlocked.Read(ref _sets);

    public void Set()
    {
        Interlocked.Increment(ref _sets);
        Volatile.Read(ref _source).TrySetResult();
        alsoWakes?.Set();
    }

    /// <summary>Waits for a Set (or one that came since the last wait) or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(timeout, TimeProvider.System, cancellationToken);

    /// <summary>Waits for a Set (or one that came since the last wait) or the timeout on <paramref name="time"/>'s clock; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = Volatile.Read(ref _source);
        var signalled = source.Task.IsCompleted
            || await source.Task.WaitAsync(timeout, time, cancellationToken).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (signalled)
        {
            Interlocked.CompareExchange(ref _source, NewSource(), source);
        }
        return signalled;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
