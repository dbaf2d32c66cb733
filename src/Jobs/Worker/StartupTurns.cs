namespace Jobs.Worker;

/// <summary>
/// A starting worker's upkeep takes turns until each step has had one: the first round of each
/// upkeep loop and the listener's delivery proof. Started side by side with the first fetch, each
/// would open a connection of its own (six for a worker at Concurrency 1 with an empty queue, where
/// three serve: the listener's, the fetch's, one for the turns), and the pool keeps them idle for
/// minutes: a fleet that starts at once, as a deploy does, would hold twice the connections it
/// uses. Once every step has had its first turn (run or failed), steps run side by side again.
/// Fetches never wait for a turn.
/// </summary>
internal sealed class StartupTurns(int steps)
{
    private int _waitingFor = steps;
    private Task _last = Task.CompletedTask;

    /// <summary>Whether steps still take turns.</summary>
    public bool Starting => Volatile.Read(ref _waitingFor) > 0;

    /// <summary>Runs <paramref name="step"/>: after the steps that came before it while the worker starts, at once after.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        if (!Starting)
        {
            return await step(cancellationToken).ConfigureAwait(false);
        }
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Interlocked.Exchange(ref _last, mine.Task);
        try
        {
            await before.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await step(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The next turn comes after the one before this, even when this one stopped waiting.
            _ = before.ContinueWith(static (_, turn) => ((TaskCompletionSource)turn!).TrySetResult(), mine,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>One step has had its first turn; once all have, turns end.</summary>
    public void FirstTurnTaken() => Interlocked.Decrement(ref _waitingFor);
}
