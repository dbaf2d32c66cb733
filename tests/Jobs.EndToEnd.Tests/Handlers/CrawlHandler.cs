using Jobs.EndToEnd.Tests.Payloads;

namespace Jobs.EndToEnd.Tests.Handlers;

[JobTask("e2e_crawl")]
public sealed class CrawlHandler(Received received) : IJobHandler<Links>
{
    public Task HandleAsync(Links args, JobContext context, CancellationToken cancellationToken)
    {
        received.Record(context, args);
        return Task.CompletedTask;
    }
}
