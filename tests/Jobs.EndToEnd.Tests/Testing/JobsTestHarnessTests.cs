using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.EndToEnd.Tests.Testing;

/// <summary>
/// Jobs.Testing's harness as a user's test suite uses it: the generated handlers registered in its
/// services, jobs enqueued through the generated methods, and assertions that read payloads with
/// the generated readers and, when they fail, say what was enqueued instead.
/// </summary>
public sealed class JobsTestHarnessTests
{
    private static Task<JobsTestHarness> CreateAsync() => JobsTestHarness.CreateAsync(services => services.AddJobsEndToEndTestsJobHandlers());

    private static EmailArgs Email(string to, string subject = "hello") =>
        new(to, subject, "body", Guid.Parse("8b0c4c1e-1f2a-4a9e-9f3d-1c2b3a4d5e6f"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), ["cc@example.com"], new Address("1 Main St", "Springfield", null), 2);

    [Fact]
    public async Task AssertEnqueued_returns_the_job_with_its_payload_as_the_handler_reads_it()
    {
        await using var harness = await CreateAsync();
        var enqueued = await harness.Client.EnqueueSendEmailAsync(Email("ada@example.com"));

        var found = await harness.AssertEnqueuedAsync<EmailArgs>(e => e.To == "ada@example.com", new EnqueuedJobFilter { Queue = "mail" });

        Assert.Equal(enqueued.Id, found.Row.Id);
        Assert.Equal(("ada@example.com", "Springfield", 2), (found.Payload.To, found.Payload.ReplyAddress.City, found.Payload.Priority));
        Assert.Equal(["cc@example.com"], found.Payload.Cc);
    }

    [Fact]
    public async Task A_failing_assertion_says_what_it_wanted_and_lists_what_was_enqueued_shortened()
    {
        await using var harness = await CreateAsync();
        var email = await harness.Client.EnqueueSendEmailAsync(Email("ada@example.com", subject: new string('x', 300)));
        var renamed = await harness.Client.EnqueueUserRenamedAsync(new UserRenamed(Guid.NewGuid(), "Grace"));

        var failure = await Assert.ThrowsAsync<JobAssertionException>(() =>
            harness.AssertEnqueuedAsync<EmailArgs>(e => e.To == "bob@example.com", new EnqueuedJobFilter { Queue = "mail", Priority = 0 }));

        Assert.StartsWith("Expected a job of e2e_send_email (EmailArgs) matching the predicate, with queue 'mail', priority 0, but none was enqueued. Enqueued (2):", failure.Message);
        var lines = failure.Message.Split('\n');
        Assert.Contains(lines, line => line.StartsWith($"  #{email.Id} e2e_send_email queue=mail ", StringComparison.Ordinal) && line.EndsWith('…') && line.Contains("\"to\":\"ada@example.com\""));
        Assert.Contains(lines, line => line.StartsWith($"  #{renamed.Id} e2e_user_renamed ", StringComparison.Ordinal) && line.Contains("\"Grace\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssertNotEnqueued_and_AssertEnqueuedCount_count_only_the_matching_jobs()
    {
        await using var harness = await CreateAsync();
        await harness.AssertNotEnqueuedAsync<EmailArgs>();
        var failure = await Assert.ThrowsAsync<JobAssertionException>(() => harness.AssertEnqueuedCountAsync<EmailArgs>(1));
        Assert.EndsWith("but 0 matched. No job was enqueued at all.", failure.Message);

        await harness.Client.EnqueueSendEmailAsync(Email("ada@example.com"));
        var keyed = await harness.Client.EnqueueSendEmailAsync(Email("bob@example.com"), new EnqueueOptions { Key = "bob", RunAt = DateTimeOffset.UtcNow.AddMinutes(5) });

        Assert.Equal(2, (await harness.AssertEnqueuedCountAsync<EmailArgs>(2)).Count);
        Assert.Equal(keyed.Id, Assert.Single(await harness.AssertEnqueuedCountAsync<EmailArgs>(1, e => e.To.StartsWith('b'))).Row.Id);
        await harness.AssertEnqueuedAsync<EmailArgs>(filter: new EnqueuedJobFilter { Key = "bob", RunAt = keyed.RunAt.AddMilliseconds(300) });
        await harness.AssertNotEnqueuedAsync<EmailArgs>(filter: new EnqueuedJobFilter { Key = "bob", RunAt = keyed.RunAt.AddSeconds(3) });
        var notExpected = await Assert.ThrowsAsync<JobAssertionException>(() => harness.AssertNotEnqueuedAsync<EmailArgs>(e => e.To == "bob@example.com"));
        Assert.Contains("but 1 was enqueued. They are (1):", notExpected.Message);
        Assert.Contains($"#{keyed.Id} e2e_send_email queue=mail key=bob", notExpected.Message);
    }

    [Fact]
    public async Task Within_waits_for_a_job_enqueued_in_the_background()
    {
        await using var harness = await CreateAsync();
        var waiting = harness.AssertEnqueuedAsync<EmailArgs>(e => e.To == "late@example.com", within: TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);

        var job = await harness.Client.EnqueueSendEmailAsync(Email("late@example.com"));

        Assert.Equal(job.Id, (await waiting).Row.Id);
    }

    [Fact]
    public async Task A_payload_type_no_registered_handler_takes_is_refused_with_how_to_register_one()
    {
        await using var harness = await JobsTestHarness.CreateAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.AssertEnqueuedAsync<EmailArgs>());

        Assert.Contains("No registered job handler takes a EmailArgs", refused.Message);
        Assert.Contains("Add…JobHandlers()", refused.Message);
    }

    [Fact]
    public async Task Harnesses_used_in_parallel_each_see_only_their_own_jobs()
    {
        var harnesses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        try
        {
            await Task.WhenAll(harnesses.Select((harness, i) => harness.Client.EnqueueSendEmailAsync(Email($"user{i}@example.com"))));

            await Task.WhenAll(harnesses.Select(async (harness, i) =>
                Assert.Equal($"user{i}@example.com", Assert.Single(await harness.AssertEnqueuedCountAsync<EmailArgs>(1)).Payload.To)));
            Assert.Equal(8, harnesses.Select(h => h.ConnectionString).Distinct().Count());
        }
        finally
        {
            foreach (var harness in harnesses)
            {
                await harness.DisposeAsync();
            }
        }
    }
}

/// <summary>A handler called directly, as a pure unit test does: no database, no worker.</summary>
public sealed class HandlerUnitTests
{
    [Fact]
    public async Task A_handler_runs_with_a_context_built_for_a_test()
    {
        var received = new Jobs.EndToEnd.Tests.Handlers.Received();
        var handler = new Jobs.EndToEnd.Tests.Handlers.UserRenamedHandler(received);
        var context = JobContext.ForTest(new JobRow { Id = 42, DatabaseId = Guid.NewGuid(), TaskIdentifier = "e2e_user_renamed", Attempts = 2, MaxAttempts = 2 });

        await handler.HandleAsync(new UserRenamed(Guid.NewGuid(), "Grace"), context, CancellationToken.None);

        Assert.Equal("Grace", (await received.ForJobAsync<UserRenamed>(42)).NewName);
        Assert.Equal((2, true, "test-worker"), (context.Attempt, context.IsLastAttempt, context.WorkerId));
        Assert.Null(context.Services.GetService(typeof(JobsClient)));
    }
}

/// <summary>The harness running jobs through the real worker pipeline: one job, a drain, and time moved forward.</summary>
public sealed class JobsTestHarnessRunningTests
{
    private static Task<JobsTestHarness> CreateAsync() => JobsTestHarness.CreateAsync(services => services.AddJobsEndToEndTestsJobHandlers());

    [Fact]
    public async Task WorkAsync_runs_a_failing_job_through_the_pipeline_and_returns_its_retry_state_then_its_completion()
    {
        await using var harness = await CreateAsync();
        var job = await harness.Client.EnqueueFlakyAsync(new FlakyArgs("report", FailUntilAttempt: 2));

        var first = await harness.WorkAsync(job);

        Assert.Equal(JobWorkOutcome.Failed, first.Outcome);
        Assert.StartsWith("System.InvalidOperationException: report is not ready (attempt 1)", first.Error);
        Assert.Equal((1, 3, (string?)null), (first.After!.Attempts, first.After.MaxAttempts, first.After.LockedBy));
        Assert.StartsWith("System.InvalidOperationException: report is not ready", first.After.LastError);
        Assert.True(first.After.RunAt > job.RunAt, "a failed job waits for its retry");

        var second = await harness.WorkAsync(job);
        Assert.Equal((JobWorkOutcome.Completed, 2, (JobRow?)null), (second.Outcome, second.Job.Attempts, second.After));

        var gone = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.WorkAsync(job));
        Assert.Equal($"Job {job.Id} cannot run now: there is no such job (completed jobs leave the table).", gone.Message);
    }

    [Fact]
    public async Task WorkAsync_of_the_last_attempt_fails_the_job_for_good()
    {
        await using var harness = await CreateAsync();
        var job = await harness.Client.EnqueueFlakyAsync(new FlakyArgs("never", FailUntilAttempt: 99), new EnqueueOptions { MaxAttempts = 1 });

        var result = await harness.WorkAsync(job);

        Assert.Equal(JobWorkOutcome.FailedPermanently, result.Outcome);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.WorkAsync(job));
        Assert.Equal($"Job {job.Id} cannot run now: it has no attempts left (1 of 1).", refused.Message);
    }

    [Fact]
    public async Task A_recursive_drain_runs_the_jobs_handlers_enqueue_and_a_plain_one_only_those_there_at_the_start()
    {
        await using var harness = await CreateAsync();
        await harness.Client.EnqueueChainAsync(new ChainArgs(3));

        var plain = await harness.DrainAsync(recursive: false);
        Assert.Equal(1, plain.Completed);
        await harness.AssertEnqueuedAsync<ChainArgs>(c => c.Remaining == 2);

        var recursive = await harness.DrainAsync();
        Assert.Equal(3, recursive.Completed);
        Assert.Empty(await harness.GetJobsAsync());

        await harness.Client.EnqueueChainAsync(new ChainArgs(5));
        var bounded = await Assert.ThrowsAsync<JobAssertionException>(() => harness.DrainAsync(maxJobs: 2));
        Assert.StartsWith("The drain ran 2 jobs (maxJobs) and job ", bounded.Message);
    }

    [Fact]
    public async Task A_drain_reports_failures_and_a_delayed_job_runs_once_time_is_advanced()
    {
        await using var harness = await CreateAsync();
        await harness.Client.EnqueueFlakyAsync(new FlakyArgs("later", FailUntilAttempt: 1), new EnqueueOptions { Delay = TimeSpan.FromMinutes(5) });
        var failing = await harness.Client.EnqueueFlakyAsync(new FlakyArgs("broken", FailUntilAttempt: 99));

        var failure = await Assert.ThrowsAsync<JobAssertionException>(() => harness.DrainAsync());
        Assert.Equal($"The drain ran 1 job(s) and 1 failed:\n  #{failing.Id} e2e_flaky attempt 1 of 3: System.InvalidOperationException: broken is not ready (attempt 1)", failure.Message);
        Assert.Empty((await harness.DrainAsync(throwOnFailure: false)).Runs);

        var before = harness.Time.GetUtcNow();
        await harness.AdvanceTimeAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), harness.Time.GetUtcNow() - before);
        var later = await harness.DrainAsync(throwOnFailure: false);
        Assert.Contains(later.Runs, r => r.Outcome == JobWorkOutcome.Completed && r.Job.TaskIdentifier == "e2e_flaky");
    }
}

/// <summary>A recurring schedule fired by the harness's fake clock: no test waits for a cron tick.</summary>
public sealed class JobsTestHarnessSchedulingTests
{
    [Fact]
    public async Task A_nightly_schedule_fires_once_time_passes_its_occurrence_and_not_before()
    {
        await using var harness = await JobsTestHarness.CreateAsync(services => services
            .AddJobsEndToEndTestsJobHandlers()
            .AddRecurringJob(new RecurringJob("e2e_chain", "0 2 * * *").WithPayload("""{"remaining":0}"""u8)));
        await harness.StartSchedulerAsync();
        await harness.AssertNotEnqueuedAsync<ChainArgs>();

        var now = harness.Time.GetUtcNow();
        var nextTwoAm = now.Date.AddHours(2) > now.UtcDateTime ? now.Date.AddHours(2) : now.Date.AddDays(1).AddHours(2);
        await harness.AdvanceTimeAsync(new DateTimeOffset(nextTwoAm, TimeSpan.Zero) - now + TimeSpan.FromSeconds(1));

        var fired = await harness.AssertEnqueuedAsync<ChainArgs>(c => c.Remaining == 0, within: TimeSpan.FromSeconds(30));
        Assert.Equal("recurring:e2e_chain", fired.Row.Key);
        Assert.Equal(1, (await harness.DrainAsync()).Completed);
    }
}
