using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using Jobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.EndToEnd.Tests.Testing;

/// <summary>Code under test that enqueues: it depends on IJobEnqueuer, as application code would.</summary>
public sealed class SignupService(IJobEnqueuer jobs)
{
    public async Task SignUpAsync(string email, CancellationToken cancellationToken = default)
    {
        await jobs.EnqueueSendEmailAsync(new EmailArgs(email, "Welcome", "…", Guid.Empty, DateTimeOffset.UnixEpoch, [], new Address("", "", null), null),
            new EnqueueOptions { Key = "welcome:" + email, Delay = TimeSpan.FromMinutes(10) }, cancellationToken);
        await jobs.EnqueueManyChainAsync([new ChainArgs(1), new ChainArgs(2)], cancellationToken: cancellationToken);
    }
}

/// <summary>RecordingJobEnqueuer: code that enqueues, unit-tested with no database and no mock of a sealed class.</summary>
public sealed class RecordingJobEnqueuerTests
{
    [Fact]
    public async Task The_generated_methods_enqueue_into_the_recorder_and_its_assertions_read_the_payloads_as_the_handlers_do()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var jobs = new RecordingJobEnqueuer([new JobsEndToEndTestsJobDispatcher()], clock);

        await new SignupService(jobs).SignUpAsync("ada@example.com");
        await new SignupService(jobs).SignUpAsync("ada@example.com");

        var welcome = jobs.AssertEnqueued<EmailArgs>(e => e.To == "ada@example.com",
            new EnqueuedJobFilter { Queue = "mail", Key = "welcome:ada@example.com", RunAt = clock.GetUtcNow().AddMinutes(10) });
        Assert.Equal((7, "Welcome"), (welcome.Row.MaxAttempts, welcome.Payload.Subject));
        Assert.Single(jobs.AssertEnqueuedCount<EmailArgs>(1));
        Assert.Equal([1, 2, 1, 2], jobs.AssertEnqueuedCount<ChainArgs>(4).Select(j => j.Payload.Remaining));
        jobs.AssertNotEnqueued<EmailArgs>(e => e.To == "bob@example.com");

        var failure = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued<EmailArgs>(e => e.To == "bob@example.com"));
        Assert.StartsWith("Expected a job of e2e_send_email (EmailArgs) matching the predicate, but none was enqueued. Enqueued (5):", failure.Message);
        Assert.Contains("e2e_send_email queue=mail key=welcome:ada@example.com run_at=2026-12-01 09:10:00Z {\"to\":\"ada@example.com\"", failure.Message);
    }

    [Fact]
    public async Task A_payload_that_is_not_JSON_is_refused_and_nothing_is_recorded()
    {
        var jobs = new RecordingJobEnqueuer(new JobsEndToEndTestsJobDispatcher());

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => jobs.EnqueueManyAsync([new JobRequest("e2e_chain", "{}"u8.ToArray()), new JobRequest("e2e_chain", "{oops"u8.ToArray())]));

        Assert.StartsWith("The payload of 'e2e_chain' is not JSON", refused.Message);
        Assert.Equal("jobs[1]", refused.ParamName);
        Assert.Empty(jobs.Enqueued);
    }

    [Fact]
    public void AddJobs_registers_the_client_as_the_enqueuer()
    {
        using var services = new ServiceCollection().AddJobs("Host=localhost;Database=unused").BuildServiceProvider();

        Assert.Same(services.GetRequiredService<JobsClient>(), services.GetRequiredService<IJobEnqueuer>());
    }
}
