using System.Collections.Concurrent;
using System.Diagnostics;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// Records every stopped span of the <c>Jobs</c> source (and of <paramref name="alsoFrom"/>, a
/// test's own stand-in for a caller), as an OpenTelemetry exporter would receive them. A listener
/// hears the whole process: tests beside this one record here too, so a test looks only at names
/// of its own.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public SpanRecorder(string alsoFrom)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JobsTelemetry.Name || source.Name == alsoFrom,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans stopped so far.</summary>
    public IReadOnlyCollection<Activity> Spans => _spans;

    public void Dispose() => _listener.Dispose();
}
