using System.Collections.Concurrent;
using Jobs.UnitTests.Infrastructure;
using Jobs.Worker;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Jobs.UnitTests.Worker;

/// <summary>
/// The batched write loop with a fake store: a write delegate that records each batch and can be
/// held or made to fail. Outcomes are stamped with a fake clock.
/// </summary>
public sealed class OutcomeWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly WorkSignal _written = new();
    private readonly ConcurrentQueue<JobOutcome[]> _settled = new();
    private readonly WorkerHealth _health = new();
    private readonly RecordingLogger _logger = new();
    private OutcomeWriter _writer = null!;
    private bool _disposed;

    public ValueTask InitializeAsync()
    {
        _writer = new OutcomeWriter(_store.WriteAsync, new OutcomeEvents(_written, batch => _settled.Enqueue([.. batch]), _health, _clock, static (_, _) => null), _logger);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            await _writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_idle_writer_writes_one_outcome_at_once_and_tells_who_listens()
    {
        var outcome = new JobOutcome(1, 1, null, false);

        await _writer.AddAsync(outcome, CancellationToken.None);
        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal([outcome], Assert.Single(_store.Batches));
        Assert.Equal([outcome], Assert.Single(_settled));
        Assert.True(await _written.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Null(_health.OldestUnwrittenOutcomeSince);
    }

    [Fact]
    public async Task Outcomes_that_arrive_during_a_write_go_in_the_next_batch_together()
    {
        _store.Hold();
        await _writer.AddAsync(Outcome(0), CancellationToken.None);
        await _store.WriteStarted.WaitAsync(Wait);

        for (var id = 1; id <= 300; id++)
        {
            await _writer.AddAsync(Outcome(id), CancellationToken.None);
        }
        _store.Release();
        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal([1, 300], _store.Batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(1, 300).Select(id => (long)id), _store.Batches[1].Select(o => o.JobId));
        Assert.Equal(2, _settled.Count);
    }

    [Fact]
    public async Task A_batch_holds_at_most_5000_outcomes()
    {
        _store.Hold();
        await _writer.AddAsync(Outcome(0), CancellationToken.None);
        await _store.WriteStarted.WaitAsync(Wait);
        for (var id = 1; id <= 12_000; id++)
        {
            await _writer.AddAsync(Outcome(id), CancellationToken.None);
        }

        _store.Release();
        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal([1, 5000, 5000, 2000], _store.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task A_flush_waits_for_the_outcomes_added_before_it()
    {
        _store.Hold();
        await _writer.AddAsync(Outcome(1), CancellationToken.None);
        await _store.WriteStarted.WaitAsync(Wait);
        await _writer.AddAsync(Outcome(2), CancellationToken.None);

        var flush = _writer.FlushAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(flush.IsCompleted);
        Assert.Empty(_settled);

        _store.Release();
        await flush.WaitAsync(Wait);
        Assert.Equal(2, _store.Batches.Sum(b => b.Length));
        Assert.Equal(2, _settled.Sum(b => b.Length));
    }

    [Fact]
    public async Task A_flush_with_nothing_to_write_returns_without_writing()
    {
        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Empty(_store.Batches);
        Assert.Empty(_settled);
    }

    [Fact]
    public async Task A_failed_write_is_retried_with_the_same_batch_and_settled_once()
    {
        // Both outcomes arrive while a first write is held, so they make one batch whatever the timing.
        _store.Hold();
        await _writer.AddAsync(Outcome(0), CancellationToken.None);
        await _store.WriteStarted.WaitAsync(Wait);
        var outcomes = new[] { Outcome(1), new JobOutcome(2, 3, "System.Exception: boom", Permanent: true) };
        foreach (var outcome in outcomes)
        {
            await _writer.AddAsync(outcome, CancellationToken.None);
        }
        _store.FailNext(2);
        _store.Release();

        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(1 + 3, _store.Attempts);
        Assert.Equal([1, outcomes.Length], _store.Batches.Select(b => b.Length));
        Assert.Equal(outcomes, _store.Batches[1]);
        Assert.Equal([1, outcomes.Length], _settled.Select(b => b.Length));
        Assert.Equal(2, _logger.WithEvent(21).Count);
    }

    [Fact]
    public async Task Health_sees_since_when_the_oldest_outcome_of_a_stuck_write_waits()
    {
        var queued = _clock.GetUtcNow();
        _store.Hold();
        await _writer.AddAsync(Outcome(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _store.WriteStarted.WaitAsync(Wait);

        Assert.Equal(queued, _health.OldestUnwrittenOutcomeSince);

        _store.Release();
        await _writer.FlushAsync(CancellationToken.None).WaitAsync(Wait);
        Assert.Null(_health.OldestUnwrittenOutcomeSince);
    }

    [Fact]
    public async Task Disposing_gives_up_a_stuck_write_and_settles_its_outcomes()
    {
        _store.Hold();
        await _writer.AddAsync(Outcome(1), CancellationToken.None);
        await _store.WriteStarted.WaitAsync(Wait);

        _disposed = true;
        await _writer.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.Empty(_store.Batches);
        Assert.Equal([1L], Assert.Single(_settled).Select(o => o.JobId));
        Assert.Null(_health.OldestUnwrittenOutcomeSince);
    }

    private static JobOutcome Outcome(long id) => new(id, 1, null, false);

    /// <summary>The store: records each batch written; can hold writes until released, or fail some.</summary>
    private sealed class FakeStore
    {
        private readonly object _gate = new();
        private readonly List<JobOutcome[]> _batches = [];
        private readonly TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _held;
        private int _failures;
        private int _failFromAttempt;

        public int Attempts { get; private set; }

        /// <summary>Completes once a write has begun.</summary>
        public Task WriteStarted => _writeStarted.Task;

        public List<JobOutcome[]> Batches
        {
            get
            {
                lock (_gate)
                {
                    return [.. _batches];
                }
            }
        }

        public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _held?.TrySetResult();

        /// <summary>Fails the next <paramref name="count"/> writes to start (not one already under way).</summary>
        public void FailNext(int count)
        {
            _failFromAttempt = Attempts + 1;
            _failures = count;
        }

        public async Task WriteAsync(IReadOnlyList<JobOutcome> batch, CancellationToken cancellationToken)
        {
            var attempt = ++Attempts;
            _writeStarted.TrySetResult();
            if (_held is { } held)
            {
                await held.Task.WaitAsync(cancellationToken);
            }
            if (attempt >= _failFromAttempt && _failures > 0)
            {
                _failures--;
                throw new NpgsqlException("connection lost");
            }
            lock (_gate)
            {
                _batches.Add([.. batch]);
            }
        }
    }
}
