using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Jobs;

/// <summary>
/// The framework's ActivitySource and Meter, both named "Jobs": OpenTelemetry picks them up with
/// <c>AddSource("Jobs")</c> and <c>AddMeter("Jobs")</c>.
/// </summary>
public static class JobsTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "Jobs";

    /// <summary>The spans of enqueueing and running jobs, after the messaging semantic conventions (see the README).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    internal static Meter Meter { get; } = new(Name);

    internal static Counter<long> JobsStarted { get; } = Meter.CreateCounter<long>("jobs.started", "{job}", "Job runs started.");

    internal static Counter<long> JobsCompleted { get; } = Meter.CreateCounter<long>("jobs.completed", "{job}", "Job runs that succeeded.");

    internal static Counter<long> JobsFailed { get; } = Meter.CreateCounter<long>("jobs.failed", "{job}", "Job runs that failed (tag permanent=true when not retried).");

    internal static Histogram<double> JobDuration { get; } = Meter.CreateHistogram<double>("jobs.duration", "s", "How long job runs take.");

    internal static Histogram<double> FetchDuration { get; } = Meter.CreateHistogram<double>("jobs.fetch.duration", "s", "How long a fetch round trip takes.");

    /// <summary>The last ready-queue depth each running worker sampled (see <see cref="JobsWorkerOptions.ReadyDepthInterval"/>).</summary>
    internal static ConcurrentDictionary<string, long> ReadyDepths { get; } = new(StringComparer.Ordinal);

    internal static ObservableGauge<long> Ready { get; } = Meter.CreateObservableGauge(
        "jobs.ready",
        () => ReadyDepths.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("worker.id", pair.Key))),
        "{job}",
        "Jobs due and waiting for a worker, as each worker last sampled them.");

    internal static Histogram<int> FetchSize { get; } = Meter.CreateHistogram<int>("jobs.fetch.size", "{job}", "Jobs returned per fetch.");

    internal static Counter<long> ScheduledOccurrences { get; } = Meter.CreateCounter<long>("jobs.scheduler.occurrences", "{occurrence}", "Recurring-job occurrences the scheduler handled (tag outcome=fired, already_scheduled, key_conflict).");
}
