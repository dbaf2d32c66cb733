using System.Diagnostics;
using System.Globalization;

namespace Jobs;

/// <summary>
/// The spans of enqueueing and running jobs, named and tagged after OpenTelemetry's semantic
/// conventions for messaging spans (version 1.27.0; the messaging conventions are still in
/// Development status there, so the version is pinned and named in the README): a job is a
/// message, its queue (or, without one, its task) the destination, app_jobs the system.
/// Started only when something listens to <see cref="JobsTelemetry.ActivitySource"/>: with no
/// listener none of this allocates.
/// </summary>
internal static class MessagingSpans
{
    /// <summary>The <c>messaging.system</c> value: the schema is the broker.</summary>
    public const string System = "app_jobs";

    public const string SystemAttribute = "messaging.system";
    public const string OperationTypeAttribute = "messaging.operation.type";
    public const string OperationNameAttribute = "messaging.operation.name";
    public const string DestinationAttribute = "messaging.destination.name";
    public const string MessageIdAttribute = "messaging.message.id";
    public const string BatchCountAttribute = "messaging.batch.message_count";
    public const string ClientIdAttribute = "messaging.client.id";
    public const string ErrorTypeAttribute = "error.type";

    /// <summary>
    /// <c>create {destination}</c>, PRODUCER, around enqueueing one job: its context is the job's
    /// creation context. Null without a listener.
    /// </summary>
    public static Activity? StartCreate(string taskIdentifier, string? queueName)
    {
        if (!JobsTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }
        var destination = queueName ?? taskIdentifier;
        var activity = JobsTelemetry.ActivitySource.StartActivity($"create {destination}", ActivityKind.Producer);
        Tag(activity, "create", destination);
        activity?.SetTag("job.task", taskIdentifier);
        return activity;
    }

    /// <summary>
    /// <c>send {destination}</c>, PRODUCER, around enqueueing many jobs in one call: the context of
    /// every job in it. The destination is named when all the jobs share one, as the conventions
    /// ask; otherwise the span is just <c>send</c>. Null without a listener.
    /// </summary>
    public static Activity? StartSend(IReadOnlyList<PreparedJob> jobs)
    {
        if (!JobsTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }
        string? destination = null;
        for (var i = 0; i < jobs.Count; i++)
        {
            var of = jobs[i].Queue ?? jobs[i].Task;
            if (i == 0)
            {
                destination = of;
            }
            else if (!string.Equals(destination, of, StringComparison.Ordinal))
            {
                destination = null;
                break;
            }
        }
        var activity = JobsTelemetry.ActivitySource.StartActivity(destination is null ? "send" : $"send {destination}", ActivityKind.Producer);
        Tag(activity, "send", destination);
        activity?.SetTag(BatchCountAttribute, jobs.Count);
        return activity;
    }

    /// <summary>
    /// <c>process {destination}</c>, CONSUMER, around one run of <paramref name="job"/>, linked to
    /// the context the job was created in when it is known (the conventions' link from consumer to
    /// producer), and its child as well when <paramref name="asChild"/>. Null without a listener.
    /// </summary>
    public static Activity? StartProcess(JobRow job, string workerId, ActivityContext? creation, bool asChild)
    {
        if (!JobsTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }
        var destination = job.QueueName ?? job.TaskIdentifier;
        var activity = creation is { } created
            ? JobsTelemetry.ActivitySource.StartActivity($"process {destination}", ActivityKind.Consumer,
                asChild ? created : default, links: [new ActivityLink(created)])
            : JobsTelemetry.ActivitySource.StartActivity($"process {destination}", ActivityKind.Consumer);
        if (activity is null)
        {
            return null;
        }
        Tag(activity, "process", destination);
        activity.SetTag(MessageIdAttribute, job.Id.ToString(CultureInfo.InvariantCulture));
        activity.SetTag(ClientIdAttribute, workerId);
        activity.SetTag("job.id", job.Id);
        activity.SetTag("job.task", job.TaskIdentifier);
        activity.SetTag("job.attempt", job.Attempts);
        activity.SetTag("job.queue", job.QueueName);
        return activity;
    }

    /// <summary>The job stored by a <c>create</c> span: its id.</summary>
    public static void Stored(Activity? activity, JobRow job)
    {
        activity?.SetTag(MessageIdAttribute, job.Id.ToString(CultureInfo.InvariantCulture));
        activity?.SetTag("job.id", job.Id);
    }

    /// <summary>An enqueue that threw: the span ends in error, typed by the exception.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(ErrorTypeAttribute, exception.GetType().FullName);
    }

    private static void Tag(Activity? activity, string operation, string? destination)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag(SystemAttribute, System);
        activity.SetTag(OperationTypeAttribute, operation);
        activity.SetTag(OperationNameAttribute, operation);
        if (destination is not null)
        {
            activity.SetTag(DestinationAttribute, destination);
        }
    }
}
