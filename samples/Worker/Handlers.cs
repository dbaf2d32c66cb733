using Jobs;

namespace WorkerSample;

public sealed record ReportRequest(Guid CustomerId, DateOnly From, DateOnly To, List<string> Sections);

[JobTask("generate_report", Queue = "reports", TimeoutSeconds = 300)]
public sealed class GenerateReportHandler(ProcessedJobs processed, ILogger<GenerateReportHandler> logger) : IJobHandler<ReportRequest>
{
    public Task HandleAsync(ReportRequest args, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogDebug("Report for {Customer} from {From} to {To}: {Sections}", args.CustomerId, args.From, args.To, string.Join(", ", args.Sections));
        processed.Record(context);
        return Task.CompletedTask;
    }
}

public sealed record Notification(string To, string Template, Dictionary<string, string> Values, int? Priority);

[JobTask("send_notification", MaxAttempts = 10)]
public sealed class SendNotificationHandler(ProcessedJobs processed) : IJobHandler<Notification>
{
    public Task HandleAsync(Notification args, JobContext context, CancellationToken cancellationToken)
    {
        if (!args.To.Contains('@', StringComparison.Ordinal))
        {
            throw new PermanentJobFailureException($"'{args.To}' is not an email address; retrying cannot fix that.");
        }
        processed.Record(context);
        return Task.CompletedTask;
    }
}
