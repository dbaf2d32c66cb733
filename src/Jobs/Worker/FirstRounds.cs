namespace Jobs.Worker;

/// <summary>
/// Orders the first rounds of a worker's upkeep loops (rescue, pruning, sweep, ready-depth sample):
/// each loop's first round starts once the previous loop's first round has ended, however it ended.
/// Started at the same instant, they found the pool empty and opened a connection each, which then
/// sat idle for minutes; one after another they share one. Only the first rounds wait: the loops
/// then keep their own intervals, and the fetch and the listener never wait on upkeep.
/// </summary>
internal sealed class FirstRounds
{
    private Task _previous = Task.CompletedTask;

    /// <summary>The next loop's place in line: what it waits for, and what it must end.</summary>
    public Round Next()
    {
        var round = new Round(_previous);
        _previous = round.Ended;
        return round;
    }

    /// <summary>One loop's first round: <see cref="Turn"/> ends when it may start; the loop calls <see cref="End"/> once it has run (or given up).</summary>
    internal sealed class Round(Task turn)
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Turn { get; } = turn;

        public Task Ended => _ended.Task;

        public void End() => _ended.TrySetResult();
    }
}
