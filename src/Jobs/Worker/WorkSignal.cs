namespace Jobs.Worker;

/// <summary>
/// An auto-reset signal: any number of Set calls before a wait wake that one wait. A burst of
/// NOTIFYs therefore costs one extra fetch, not one per job.
/// </summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource _source = NewSource();

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    /// <summary>Waits for a Set (or one that came since the last wait) or the timeout; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = Volatile.Read(ref _source);
        var signalled = source.Task.IsCompleted
            || await source.Task.WaitAsync(timeout, cancellationToken).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (signalled)
        {
            Interlocked.CompareExchange(ref _source, NewSource(), source);
        }
        return signalled;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
