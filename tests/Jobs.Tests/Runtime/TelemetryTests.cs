using Jobs.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>The Meter and ActivitySource named "Jobs", seen the way OpenTelemetry would see them.</summary>
public sealed class TelemetryTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task A_worker_reports_runs_failures_ready_depth_and_a_span_per_job()
    {
        var started = new ConcurrentBag<long>();
        var gate = new TaskCompletionSource();
        var dispatcher = new TestDispatcher()
            .Handle("telemetry_blocking", async (context, _) => { started.Add(context.Id); await gate.Task; })
            .Handle("telemetry_failing", (_, _) => throw new InvalidOperationException("nope"));
        var options = new JobsWorkerOptions { Concurrency = 1, ReadyDepthInterval = TimeSpan.FromMilliseconds(50), PollInterval = TimeSpan.FromMinutes(10) };
        var measurements = new ConcurrentBag<(string Name, long Value, string? Worker, string? Task)>();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == JobsTelemetry.Name) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? worker = null, task = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "worker.id") worker = tag.Value as string;
                if (tag.Key == "job.task") task = tag.Value as string;
            }
            measurements.Add((instrument.Name, value, worker, task));
        });
        listener.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JobsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);

        await Client.EnqueueManyAsync(Enumerable.Range(0, 5).Select(_ => new JobRequest("telemetry_blocking", default)));
        await using (var worker = new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await Eventually.TrueAsync(() => Task.FromResult(!started.IsEmpty), "the first job to start");
            await Eventually.TrueAsync(() =>
            {
                listener.RecordObservableInstruments();
                return Task.FromResult(measurements.Any(m => m.Name == "jobs.ready" && m.Worker == worker.Worker.WorkerId && m.Value == 4));
            }, "the ready gauge to show the four waiting jobs");
            var failing = await Client.EnqueueAsync("telemetry_failing", default, new EnqueueOptions { Priority = -1 });
            gate.SetResult();
            await Eventually.TrueAsync(async () => await JobCountAsync() == 1 && (await Admin.GetAsync(failing.Id))!.LastError is not null, "the jobs to finish");
        }

        Assert.Equal(5, measurements.Count(m => m.Name == "jobs.completed" && m.Task == "telemetry_blocking"));
        Assert.Equal(1, measurements.Count(m => m.Name == "jobs.failed" && m.Task == "telemetry_failing"));
        Assert.Equal(6, measurements.Count(m => m.Name == "jobs.started" && (m.Task == "telemetry_blocking" || m.Task == "telemetry_failing")));
        var failedSpan = Assert.Single(spans, s => s.DisplayName == "process telemetry_failing");
        Assert.Equal(ActivityStatusCode.Error, failedSpan.Status);
        Assert.Equal(5, spans.Count(s => s.DisplayName == "process telemetry_blocking" && s.Status != ActivityStatusCode.Error));
    }
}
