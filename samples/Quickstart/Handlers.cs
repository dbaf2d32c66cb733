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
