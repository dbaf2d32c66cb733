using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Jobs.Worker;

/// <summary>
/// The jobs a worker holds locked: those fetched ahead and waiting for a slot (the buffer), and
/// those running. Slots take from the buffer; lock renewal covers both; closing hands back the
/// ones never started, so shutdown can release them at once.
/// </summary>
internal sealed class LocalQueue
{
    private readonly ConcurrentDictionary<long, HeldJob> _held = new();
    private readonly Channel<JobRow> _buffer = Channel.CreateUnbounded<JobRow>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>Jobs fetched and not yet started.</summary>
    public int Buffered => _buffer.Reader.Count;

    /// <summary>Buffers jobs just fetched (and locked at <paramref name="lockedAt"/>). One caller at a time.</summary>
    public void Add(List<JobRow> jobs, DateTimeOffset lockedAt)
    {
        foreach (var job in jobs)
        {
            _held[job.Id] = new HeldJob(job.Id, lockedAt);
            _buffer.Writer.TryWrite(job);
        }
    }

    /// <summary>Waits until a job can be taken; false once closed and empty.</summary>
    public ValueTask<bool> WaitToTakeAsync() => _buffer.Reader.WaitToReadAsync(CancellationToken.None);

    public bool TryTake(out JobRow job) => _buffer.Reader.TryRead(out job!);

    /// <summary>The job's run is over and its outcome handed to the writer: no longer ours to renew.</summary>
    public void Ended(long jobId) => _held.TryRemove(jobId, out _);

    /// <summary>Closes the buffer and returns the ids of the jobs no slot took.</summary>
    public long[] Close()
    {
        _buffer.Writer.TryComplete();
        var unstarted = new List<long>();
        while (_buffer.Reader.TryRead(out var job))
        {
            unstarted.Add(job.Id);
            _held.TryRemove(job.Id, out _);
        }
        return [.. unstarted];
    }

    /// <summary>The held jobs whose lock was last written at least <paramref name="age"/> ago.</summary>
    public HeldJob[] LockedLongerThan(TimeSpan age, DateTimeOffset now) =>
        _held.Values.Where(held => now - held.LockedAt >= age).ToArray();

    /// <summary>A job this worker has locked, and when it last wrote that lock.</summary>
    internal sealed class HeldJob(long id, DateTimeOffset lockedAt)
    {
        public long Id { get; } = id;
        public DateTimeOffset LockedAt { get; set; } = lockedAt;
    }
}
