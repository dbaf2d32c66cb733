namespace Jobs.Cli.Bench;

/// <summary>Runs bench jobs, which do nothing, and signals starts: the measurements count on them.</summary>
internal sealed class NoopDispatcher : IJobDispatcher
{
    private TaskCompletionSource _allStarted = NewSignal();
    private TaskCompletionSource _nextStart = NewSignal();
    private long _expected;
    private long _started;

    public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor(BenchSettings.Task)];

    /// <summary>Completes once <paramref name="expected"/> more jobs have started.</summary>
    public Task ExpectStarts(long expected)
    {
        _allStarted = NewSignal();
        Interlocked.Exchange(ref _started, 0);
        Interlocked.Exchange(ref _expected, expected);
        return _allStarted.Task;
    }

    /// <summary>Completes when the next job starts.</summary>
    public Task NextStart()
    {
        _nextStart = NewSignal();
        return _nextStart.Task;
    }

    public ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _started) >= Interlocked.Read(ref _expected))
        {
            _allStarted.TrySetResult();
        }
        _nextStart.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
