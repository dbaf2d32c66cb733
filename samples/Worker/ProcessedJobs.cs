using System.Diagnostics;
using Jobs;

namespace WorkerSample;

/// <summary>Counts handled jobs and remembers when the first one finished, for the drain command's report.</summary>
public sealed class ProcessedJobs
{
    private long _count;
    private long _firstAtTicks;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Time from process start to the first job handled; null before that.</summary>
    public TimeSpan? FirstJobAfterStart { get; private set; }

    public void Record(JobContext context)
    {
        Interlocked.Increment(ref _count);
        if (Interlocked.CompareExchange(ref _firstAtTicks, 1, 0) == 0)
        {
            FirstJobAfterStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        }
    }
}
