using Jobs;

namespace Quickstart;

// A job is a payload type plus a handler class. The generator turns each [JobTask] handler into
// typed enqueue methods (jobs.EnqueueSendWelcomeEmailAsync), a payload serializer (snake_case
// JSON, as SQL-side producers write it) and an entry in this assembly's dispatch table.

public sealed record WelcomeEmail(string To, string Name);

[JobTask("send_welcome_email", Queue = "mail")]          // a named queue: one at a time
public sealed class SendWelcomeEmailHandler(DemoProgress progress) : IJobHandler<WelcomeEmail>
{
    public async Task HandleAsync(WelcomeEmail args, JobContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);       // pretend to talk to a mail server
        progress.Done(context, $"welcome email to {args.Name} <{args.To}>");
    }
}

public sealed record Webhook(string Url, string Event);

[JobTask("call_webhook", MaxAttempts = 5)]
public sealed class CallWebhookHandler(DemoProgress progress) : IJobHandler<Webhook>
{
    public Task HandleAsync(Webhook args, JobContext context, CancellationToken cancellationToken)
    {
        if (context.Attempt == 1)
        {
            Console.WriteLine($"        job {context.Id} (call_webhook): attempt 1 fails with a 503; it will be retried");
            // Any exception fails this attempt: last_error records it and the job is retried
            // after exp(attempts) seconds (2.7 s here), up to MaxAttempts.
            throw new HttpRequestException($"{args.Url} answered 503 Service Unavailable");
        }
        progress.Done(context, $"webhook {args.Event} delivered on attempt {context.Attempt}");
        return Task.CompletedTask;
    }
}

public sealed record Thumbnail(string Path, int Width, string[] Formats);

[JobTask("make_thumbnail")]
public sealed class MakeThumbnailHandler(DemoProgress progress) : IJobHandler<Thumbnail>
{
    public Task HandleAsync(Thumbnail args, JobContext context, CancellationToken cancellationToken)
    {
        progress.Done(context, $"thumbnail {args.Path} at {args.Width}px");
        return Task.CompletedTask;
    }
}

public sealed record PhotoImport(string Folder, int Count);

// A handler that enqueues: the jobs it adds run like any other (a test drains them recursively).
[JobTask("import_photos")]
public sealed class ImportPhotosHandler(IJobEnqueuer jobs, DemoProgress progress) : IJobHandler<PhotoImport>
{
    public async Task HandleAsync(PhotoImport args, JobContext context, CancellationToken cancellationToken)
    {
        await jobs.EnqueueManyMakeThumbnailAsync(                               // one round trip
            Enumerable.Range(1, args.Count).Select(i => new Thumbnail($"{args.Folder}/{i}.jpg", 320, ["webp", "jpeg"])),
            new EnqueueOptions { DatabaseId = context.DatabaseId }, cancellationToken);
        progress.Done(context, $"import of {args.Folder}: {args.Count} thumbnails queued");
    }
}

public sealed record PurgeThumbnails(int OlderThanDays);

// Nightly at 03:00 UTC once a scheduler runs (services.AddJobsScheduler()); the demo runs none.
[JobTask("purge_thumbnails")]
[Recurring("0 3 * * *", Payload = """{"older_than_days": 30}""")]
public sealed class PurgeThumbnailsHandler(DemoProgress progress) : IJobHandler<PurgeThumbnails>
{
    public Task HandleAsync(PurgeThumbnails args, JobContext context, CancellationToken cancellationToken)
    {
        progress.Done(context, $"purged thumbnails older than {args.OlderThanDays} days");
        return Task.CompletedTask;
    }
}
