using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Jobs.Worker;

/// <summary>
/// Writes completions and failures in batches that grow with load: one writer takes every outcome
/// that arrived while its previous write was in flight, so an idle worker writes a single outcome
/// at once and a busy one settles hundreds per commit. A write that fails is retried until it
/// succeeds (<see cref="DatabaseRetry"/>): a result that is never written would run its job again.
/// Once a batch is written, <c>settled</c> hears of it: until then its jobs are still held, and
/// their locks renewed, so a result waiting out an outage does not let its job be taken again.
/// </summary>
internal sealed class OutcomeWriter : IAsyncDisposable
{
    private const int MaxBatch = 5000;

    private readonly Func<IReadOnlyList<JobOutcome>, CancellationToken, Task> _write;
    private readonly OutcomeEvents _events;
    private readonly ILogger _logger;
    private readonly Channel<Entry> _entries = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _loop;

    /// <param name="write">Writes one batch in one round trip.</param>
    /// <param name="events">Who hears of written (and given-up) batches and of results waiting.</param>
    /// <param name="logger">Where failed attempts are logged.</param>
    public OutcomeWriter(Func<IReadOnlyList<JobOutcome>, CancellationToken, Task> write, OutcomeEvents events, ILogger logger)
    {
        _write = write;
        _events = events;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    public ValueTask AddAsync(JobOutcome outcome, CancellationToken cancellationToken) =>
        _entries.Writer.WriteAsync(new Entry(outcome, null, _events.Time.GetUtcNow()), cancellationToken);

    /// <summary>Waits until every outcome added before this call is written.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _entries.Writer.WriteAsync(new Entry(null, flushed, default), cancellationToken).ConfigureAwait(false);
        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops writing at once: the worker's shutdown has flushed what it could within its budget.
    /// Outcomes still unwritten are given up; their jobs are recovered by lock expiry, as after a
    /// crash, and a write cut off midway is safe either way (results are bound to their attempt).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _abandon.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _abandon.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _entries.Reader;
        var outcomes = new List<JobOutcome>();
        var flushes = new List<TaskCompletionSource>();
        DateTimeOffset? oldest = null;
        while (await reader.WaitToReadAsync(_abandon.Token).ConfigureAwait(false))
        {
            outcomes.Clear();
            flushes.Clear();
            oldest = null;
            while (outcomes.Count < MaxBatch && reader.TryRead(out var entry))
            {
                if (entry.Outcome is { } outcome)
                {
                    outcomes.Add(outcome);
                    oldest ??= entry.Queued; // entries come in the order they were queued
                }
                else
                {
                    flushes.Add(entry.Flushed!);
                }
            }
            if (outcomes.Count > 0)
            {
                // The list is reused only once this write (with its retries) is over.
                // Health hears how long the oldest of this batch has waited while it is being
                // written: a write stuck behind a database that does not answer shows there.
                _events.Health.OutcomesPending(oldest);
                try
                {
                    await DatabaseRetry.RunAsync(ct => _write(outcomes, ct), "complete/fail batch", _logger, _events.Health, _abandon.Token).ConfigureAwait(false);
                }
                finally
                {
                    _events.Settled(outcomes);
                    _events.Health.OutcomesPending(null);
                }
                _events.Written.Set();
            }
            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }
        }
    }

    private readonly record struct Entry(JobOutcome? Outcome, TaskCompletionSource? Flushed, DateTimeOffset Queued);
}
