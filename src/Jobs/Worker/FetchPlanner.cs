using System.Diagnostics;

namespace Jobs.Worker;

/// <summary>
/// Decides how many jobs to fetch, and when: enough for the idle slots plus a local buffer of
/// jobs fetched ahead, so one round trip and one commit serve many jobs. With a fixed
/// <see cref="JobsWorkerOptions.LocalQueueSize"/> the buffer is kept that full. Without one the
/// buffer follows the rate jobs finish at: about <see cref="Horizon"/> of work, at most the default size.
/// Slow jobs then hold no more than they need, and other workers can take the rest.
/// </summary>
internal sealed class FetchPlanner
{
    /// <summary>How much work the adaptive buffer holds, measured in the recent finish rate.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(250);

    private static readonly long SampleTicks = Stopwatch.Frequency / 20;

    private readonly int _capacity;
    private readonly bool _fixedSize;
    private long _sampleFinished;
    private long _sampleTimestamp;
    private double _finishesPerSecond;

    /// <param name="capacity">The most jobs buffered beyond the running ones.</param>
    /// <param name="fixedSize">Keep the buffer full, instead of following the start rate.</param>
    public FetchPlanner(int capacity, bool fixedSize)
    {
        _capacity = capacity;
        _fixedSize = fixedSize;
    }

    /// <summary>The buffer the planner aims for now.</summary>
    public int Target => _fixedSize ? _capacity : (int)Math.Min(_capacity, Math.Ceiling(_finishesPerSecond * Horizon.TotalSeconds));

    /// <summary>
    /// How many jobs to fetch now; 0 means wait until a slot takes a job or ends one.
    /// </summary>
    /// <param name="idle">Slots not running a job.</param>
    /// <param name="buffered">Jobs fetched and not yet started.</param>
    /// <param name="finished">Jobs finished since the worker began. The rate counts finishes, not
    /// starts: filling idle slots is a burst of starts that says nothing about how fast jobs go.</param>
    /// <param name="timestamp">Now, in <see cref="Stopwatch"/> ticks.</param>
    public int Plan(int idle, int buffered, long finished, long timestamp)
    {
        Sample(finished, timestamp);
        var target = Target;
        var wanted = idle + target - buffered;
        if (wanted <= 0)
        {
            return 0;
        }
        // Fetch at once when a slot would otherwise wait; else top up in large steps, so a
        // stream of short jobs costs one round trip per half buffer, not one per job.
        var starving = idle > buffered;
        return starving || wanted >= Math.Max(1, target / 2) ? wanted : 0;
    }

    private void Sample(long finished, long timestamp)
    {
        if (_sampleTimestamp == 0)
        {
            (_sampleFinished, _sampleTimestamp) = (finished, timestamp);
            return;
        }
        var elapsed = timestamp - _sampleTimestamp;
        if (elapsed < SampleTicks)
        {
            return;
        }
        var rate = (finished - _sampleFinished) * (double)Stopwatch.Frequency / elapsed;
        // Half the weight on the newest sample: follows a burst within a few samples, and a
        // long quiet spell (one long sample of few starts) brings the buffer down at once.
        _finishesPerSecond = _finishesPerSecond == 0 ? rate : (_finishesPerSecond + rate) / 2;
        (_sampleFinished, _sampleTimestamp) = (finished, timestamp);
    }
}
