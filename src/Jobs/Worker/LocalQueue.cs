using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Jobs.Worker;

/// <summary>
/// The jobs a worker holds locked: those fetched ahead and waiting for a slot (the buffer), those
/// running, and those whose result waits to be written. Slots take from the buffer; lock renewal
/// covers all three; closing hands back the ones never started, so shutdown can release them at
/// once. A job is held per attempt: a later attempt of the same job is another holding.
/// </summary>
internal sealed class LocalQueue
{
    private readonly ConcurrentDictionary<(long Id, int Attempt), HeldJob> _held = new();
    private readonly Channel<JobRow> _buffer = Channel.CreateUnbounded<JobRow>(new UnboundedChannelOptions { SingleWriter = true });

    private int _bufferedOrRunning;

    /// <summary>Jobs fetched and not yet started.</summary>
    public int Buffered => _buffer.Reader.Count;

    /// <summary>
    /// Jobs fetched and not yet finished by a slot: buffered or running. A job moving from the
    /// buffer to a slot stays counted here, so a planner reading this never sees it in neither
    /// place (and fetches one job too many) nor in both.
    /// </summary>
    public int BufferedOrRunning => Volatile.Read(ref _bufferedOrRunning);

    /// <summary>Attempts held: buffered, running, or waiting for their result to be written.</summary>
    public int Held => _held.Count;

    /// <summary>Buffers jobs just fetched (and locked at <paramref name="lockedAt"/>). One caller at a time.</summary>
    public void Add(List<JobRow> jobs, DateTimeOffset lockedAt)
    {
        Interlocked.Add(ref _bufferedOrRunning, jobs.Count);
        foreach (var job in jobs)
        {
            _held[(job.Id, job.Attempts)] = new HeldJob(job.Id, lockedAt) { DatabaseLockedAt = job.LockedAt };
            _buffer.Writer.TryWrite(job);
        }
    }

    /// <summary>Waits until a job can be taken; false once closed and empty.</summary>
    public ValueTask<bool> WaitToTakeAsync() => _buffer.Reader.WaitToReadAsync(CancellationToken.None);

    public bool TryTake(out JobRow job) => _buffer.Reader.TryRead(out job!);

    /// <summary>A slot is done with a job it took (ran it, or skipped it): it is no longer buffered or running.</summary>
    public void TakenJobDone() => Interlocked.Decrement(ref _bufferedOrRunning);

    /// <summary>The attempt is settled: its outcome written (or nothing to write): no longer ours to renew.</summary>
    public void Ended(long jobId, int attempt) => _held.TryRemove((jobId, attempt), out _);

    /// <summary>Closes the buffer and returns the jobs no slot took.</summary>
    public JobRow[] Close()
    {
        _buffer.Writer.TryComplete();
        var unstarted = new List<JobRow>();
        while (_buffer.Reader.TryRead(out var job))
        {
            unstarted.Add(job);
            _held.TryRemove((job.Id, job.Attempts), out _);
        }
        Interlocked.Add(ref _bufferedOrRunning, -unstarted.Count);
        return [.. unstarted];
    }

    /// <summary>The lock time this worker last wrote for the attempt (at fetch or renewal), or null when it no longer holds it.</summary>
    public DateTimeOffset? DatabaseLockedAt(long jobId, int attempt) =>
        _held.TryGetValue((jobId, attempt), out var held) ? held.DatabaseLockedAt : null;

    /// <summary>
    /// A renewal wrote <paramref name="lockedAt"/> on the job while it was in <paramref name="attempt"/>,
    /// at <paramref name="now"/> by the worker's clock. Attempts a renewal did not return are not
    /// touched: their lock was lost (or the renewal failed), and they age toward the expiry.
    /// </summary>
    public void LockWritten(long jobId, int attempt, DateTimeOffset lockedAt, DateTimeOffset now)
    {
        if (_held.TryGetValue((jobId, attempt), out var held))
        {
            held.DatabaseLockedAt = lockedAt;
            held.LockedAt = now;
            held.Lease?.Confirmed(now);
        }
    }

    /// <summary>
    /// Starts the lease of a job a slot is about to run: <paramref name="run"/> is cancelled once
    /// the job's lock has gone unconfirmed for <paramref name="limit"/>, counted from its last write
    /// (see <see cref="LockLease"/>). Dispose the lease when the run ends.
    /// </summary>
    public LockLease StartLease(JobRow job, CancellationTokenSource run, TimeProvider time, TimeSpan limit)
    {
        var held = _held.TryGetValue((job.Id, job.Attempts), out var found) ? found : null;
        var lease = new LockLease(run, time, limit, held?.LockedAt ?? time.GetUtcNow(), () => { if (held is not null) { held.Lease = null; } });
        if (held is not null)
        {
            held.Lease = lease;
        }
        return lease;
    }

    /// <summary>
    /// Whether <paramref name="job"/>, taken from the buffer, may still start: its lock was written
    /// less than <paramref name="limit"/> ago. One older may have expired, and another worker may
    /// be running it already (a network that froze past the expiry, say); it must not start here too.
    /// </summary>
    public bool LockIsFresh(JobRow job, DateTimeOffset now, TimeSpan limit) =>
        _held.TryGetValue((job.Id, job.Attempts), out var held) && now - held.LockedAt < limit;

    /// <summary>The held jobs whose lock was last written at least <paramref name="age"/> ago (a job held in two attempts may appear twice).</summary>
    public HeldJob[] LockedLongerThan(TimeSpan age, DateTimeOffset now) =>
        _held.Values.Where(held => now - held.LockedAt >= age).ToArray();

    /// <summary>A job this worker has locked, and when it last wrote that lock.</summary>
    internal sealed class HeldJob(long id, DateTimeOffset lockedAt)
    {
        public long Id { get; } = id;
        /// <summary>When this worker last wrote the lock, by its own clock: drives renewal.</summary>
        public DateTimeOffset LockedAt { get; set; } = lockedAt;

        /// <summary>The lock time as the database stored it: a result of this attempt must find it, or the attempt's number.</summary>
        public DateTimeOffset? DatabaseLockedAt { get; set; }

        /// <summary>The running attempt's lease, while a slot runs it.</summary>
        public LockLease? Lease { get; set; }
    }
}
