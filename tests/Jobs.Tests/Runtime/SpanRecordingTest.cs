using System.Diagnostics;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>A runtime test that records the spans Jobs and <paramref name="callerSourceName"/> stop, from each test's start to its end.</summary>
public abstract class SpanRecordingTest(SchemaDatabase database, string callerSourceName) : RuntimeTest(database)
{
    private SpanRecorder? _recorder;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _recorder = new SpanRecorder(callerSourceName);
    }

    // xUnit.net v3 disposes a test class through DisposeAsync alone when it has one (RuntimeTest's).
    public override async ValueTask DisposeAsync()
    {
        _recorder?.Dispose();
        await base.DisposeAsync();
    }

    protected IReadOnlyCollection<Activity> Spans => _recorder!.Spans;
}
