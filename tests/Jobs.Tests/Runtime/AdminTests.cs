using Jobs.Schema;
using Jobs.Testing;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

public abstract class AdminTests(SchemaDatabase database) : RuntimeTest(database)
{
    private async Task<(JobRow Ready, JobRow Scheduled, JobRow Running, JobRow Failing, JobRow Dead)> OneOfEachStateAsync()
    {
        var ready = await Client.EnqueueAsync("a", default, new EnqueueOptions { Queue = "q1" });
        var scheduled = await Client.EnqueueAsync("b", default, new EnqueueOptions { Delay = TimeSpan.FromHours(1) });
        var running = await Client.EnqueueAsync("c", default, new EnqueueOptions { Priority = -10 });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'admin-test-worker', task_identifiers => ARRAY['c'])");
        var failing = await Client.EnqueueAsync("d", default);
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'admin-test-worker', task_identifiers => ARRAY['d'])");
        await ExecuteAsync("SELECT app_jobs.fail_job(worker_id => 'admin-test-worker', job_id => $1, error_message => 'boom')", failing.Id);
        var dead = await Client.EnqueueAsync("e", default);
        await Admin.PermanentlyFailAsync([dead.Id], "given up");
        return (ready, scheduled, running, failing, dead);
    }

    [Fact]
    public async Task List_filters_by_state_task_and_queue()
    {
        var jobs = await OneOfEachStateAsync();

        Assert.Equal([jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Ready })).Select(j => j.Id));
        Assert.Equal([jobs.Scheduled.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Scheduled })).Select(j => j.Id));
        Assert.Equal([jobs.Running.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Running })).Select(j => j.Id));
        Assert.Equal([jobs.Failing.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.Failing })).Select(j => j.Id));
        Assert.Equal([jobs.Dead.Id], (await Admin.ListAsync(new JobListFilter { State = JobState.PermanentlyFailed })).Select(j => j.Id));
        Assert.Equal([jobs.Scheduled.Id], (await Admin.ListAsync(new JobListFilter { TaskIdentifier = "b" })).Select(j => j.Id));
        Assert.Equal([jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { Queue = "q1" })).Select(j => j.Id));
        var page = await Admin.ListAsync(new JobListFilter { Limit = 2 });
        Assert.Equal([jobs.Dead.Id, jobs.Failing.Id], page.Select(j => j.Id));
        Assert.Equal([jobs.Running.Id, jobs.Scheduled.Id, jobs.Ready.Id], (await Admin.ListAsync(new JobListFilter { BeforeId = jobs.Failing.Id })).Select(j => j.Id));
    }

    [Fact]
    public async Task Each_row_state_matches_the_list_filter_state()
    {
        var jobs = await OneOfEachStateAsync();
        Assert.Equal(JobState.Ready, (await Admin.GetAsync(jobs.Ready.Id))!.State);
        Assert.Equal(JobState.Scheduled, (await Admin.GetAsync(jobs.Scheduled.Id))!.State);
        Assert.Equal(JobState.Running, (await Admin.GetAsync(jobs.Running.Id))!.State);
        Assert.Equal(JobState.Failing, (await Admin.GetAsync(jobs.Failing.Id))!.State);
        Assert.Equal(JobState.PermanentlyFailed, (await Admin.GetAsync(jobs.Dead.Id))!.State);
    }

    [Fact]
    public async Task Statistics_count_every_state()
    {
        await OneOfEachStateAsync();
        var statistics = await Admin.GetStatisticsAsync();
        Assert.Equal((1L, 1L, 1L, 1L, 1L), (statistics.Ready, statistics.Scheduled, statistics.Running, statistics.Failing, statistics.PermanentlyFailed));
        Assert.NotNull(statistics.OldestReadyAge);
    }

    [Fact]
    public async Task Retry_now_makes_a_dead_job_due_with_fresh_attempts_but_leaves_running_jobs()
    {
        var jobs = await OneOfEachStateAsync();
        var retried = await Admin.RetryNowAsync([jobs.Dead.Id, jobs.Running.Id]);

        Assert.Equal([jobs.Dead.Id], retried.Select(j => j.Id));
        var job = (await Admin.GetAsync(jobs.Dead.Id))!;
        Assert.Equal(0, job.Attempts);
        Assert.True(job.RunAt <= DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(1, (await Admin.GetAsync(jobs.Running.Id))!.Attempts);

        // Its last error stays for the record, and it is ready again, not retrying: in the row, the
        // counts and the list filter alike.
        Assert.NotNull(job.LastError);
        Assert.Equal(JobState.Ready, job.State);
        var statistics = await Admin.GetStatisticsAsync();
        Assert.Equal((2L, 1L, 1L, 1L, 0L), (statistics.Ready, statistics.Scheduled, statistics.Running, statistics.Failing, statistics.PermanentlyFailed));
        Assert.Contains(jobs.Dead.Id, (await Admin.ListAsync(new JobListFilter { State = JobState.Ready })).Select(j => j.Id));
        Assert.DoesNotContain(jobs.Dead.Id, (await Admin.ListAsync(new JobListFilter { State = JobState.Failing })).Select(j => j.Id));
    }

    [Fact]
    public async Task Reschedule_changes_only_given_fields_and_delete_refuses_running_jobs()
    {
        var jobs = await OneOfEachStateAsync();
        var runAt = DateTimeOffset.UtcNow.AddDays(2);
        await Admin.RescheduleAsync([jobs.Ready.Id], runAt: runAt, priority: 9);
        var job = (await Admin.GetAsync(jobs.Ready.Id))!;
        Assert.Equal((9, 25, runAt.ToUnixTimeMilliseconds()), (job.Priority, job.MaxAttempts, job.RunAt.ToUnixTimeMilliseconds()));

        var deleted = await Admin.DeleteAsync([jobs.Ready.Id, jobs.Running.Id]);
        Assert.Equal([jobs.Ready.Id], deleted.Select(j => j.Id));
        Assert.NotNull(await Admin.GetAsync(jobs.Running.Id));
    }

    [Fact]
    public async Task Unlocking_a_dead_worker_frees_its_jobs_and_queues_at_once()
    {
        var job = await Client.EnqueueAsync("x", default, new EnqueueOptions { Queue = "stuck" });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'dead-worker')");

        Assert.Equal(1, await Admin.UnlockWorkersAsync(["dead-worker"]));

        var stored = (await Admin.GetAsync(job.Id))!;
        Assert.Null(stored.LockedBy);
        Assert.Equal(1, stored.Attempts);
        var queue = Assert.Single(await Admin.GetQueuesAsync());
        Assert.Equal(("stuck", 1, (string?)null), (queue.Name, queue.JobCount, queue.LockedBy));
    }

    [Fact]
    public async Task Remove_by_key_deletes_a_job_that_is_not_running_or_whose_lock_is_older_than_4_hours()
    {
        // Both paths are covered: the schema's remove_job where it exists, our statement elsewhere.
        Assert.Equal(Database.Flavor == SchemaFlavor.Upstream047, (await SchemaShapeReader.ReadAsync(DataSource)).HasRemoveJob);
        var waiting = await Client.EnqueueAsync("keyed", default, new EnqueueOptions { Key = "waiting-key" });
        var expired = await Client.EnqueueAsync("expired", default, new EnqueueOptions { Key = "expired-key" });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'long-gone-worker', task_identifiers => ARRAY['expired'])");
        await ExecuteAsync("UPDATE app_jobs.jobs SET locked_at = now() - interval '5 hours' WHERE id = $1", expired.Id);
        var other = await Client.EnqueueAsync("keyed", default, new EnqueueOptions { Key = "other-key" });

        var removed = await Admin.RemoveByKeyAsync("waiting-key");
        var removedExpired = await Admin.RemoveByKeyAsync("expired-key");

        Assert.Equal((JobRemovalOutcome.Removed, waiting.Id, "waiting-key"), (removed.Outcome, removed.Job!.Id, removed.Job.Key));
        Assert.Equal((JobRemovalOutcome.Removed, expired.Id), (removedExpired.Outcome, removedExpired.Job!.Id));
        Assert.Null(await Admin.GetAsync(waiting.Id));
        Assert.Null(await Admin.GetAsync(expired.Id));
        Assert.Equal("other-key", (await Admin.GetAsync(other.Id))!.Key);
    }

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task Remove_by_key_defuses_a_running_job_which_its_worker_still_completes(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("long", default, new EnqueueOptions { Key = "running-key", MaxAttempts = 5 });
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var dispatcher = new TestDispatcher()
            .Handle("long", async (context, _) =>
            {
                started.TrySetResult();
                await gate.Task;
                await RecordExecutionAsync(context, DateTimeOffset.UtcNow);
            })
            .Handle("fresh", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var options = new JobsWorkerOptions { FetchStrategy = strategy, PollInterval = TimeSpan.FromSeconds(60) };

        await using (new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var removal = await Admin.RemoveByKeyAsync("running-key");

            Assert.Equal(JobRemovalOutcome.Defused, removal.Outcome);
            Assert.Equal((job.Id, (string?)null, 5), (removal.Job!.Id, removal.Job.Key, removal.Job.Attempts));
            var stored = (await Admin.GetAsync(job.Id))!;
            Assert.Equal((JobState.Running, (string?)null), (stored.State, stored.Key));
            // The key is free again: enqueueing with it makes a new job instead of touching the running one.
            var fresh = await Client.EnqueueAsync("fresh", default, new EnqueueOptions { Key = "running-key" });
            Assert.NotEqual(job.Id, fresh.Id);

            gate.SetResult();
            await WaitForNoJobsAsync();
        }

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE job_id = $1", job.Id));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
    }

    [Fact]
    public async Task Remove_by_key_reports_an_unknown_key_as_not_found_and_changes_nothing()
    {
        var job = await Client.EnqueueAsync("keyed", default, new EnqueueOptions { Key = "known-key" });

        var removal = await Admin.RemoveByKeyAsync("unknown-key");

        Assert.Equal(new JobRemoval(JobRemovalOutcome.NotFound, null), removal);
        Assert.Equal("known-key", (await Admin.GetAsync(job.Id))!.Key);
    }

    [Fact]
    public async Task Remove_by_key_rejects_a_key_the_schema_cannot_hold()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Admin.RemoveByKeyAsync(""));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => Admin.RemoveByKeyAsync(new string('k', JobLimits.KeyMaxExclusive)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Admin.RemoveByKeyAsync(null!));

        Assert.Equal(("key", "key"), (empty.ParamName, tooLong.ParamName));
        Assert.Contains("512", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attribution_columns_are_read_where_the_schema_has_them()
    {
        var (actor, principal, entity, organization, definition) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var id = Database.Flavor == SchemaFlavor.Upstream047
            ? await ScalarAsync<long>("""
                INSERT INTO app_jobs.jobs (database_id, task_identifier, queue_name, actor_id, principal_id, entity_id,
                                           entity_type, organization_id, function_definition_id, definition_scope)
                VALUES ($1, 'attributed', NULL, $2, $3, $4, 'team', $5, $6, 'app')
                RETURNING id
                """, DatabaseId, actor, principal, entity, organization, definition)
            : await ScalarAsync<long>("INSERT INTO app_jobs.jobs (database_id, task_identifier, queue_name) VALUES ($1, 'attributed', NULL) RETURNING id", DatabaseId);

        var job = (await Admin.GetAsync(id))!;
        var listed = Assert.Single(await Admin.ListAsync());

        var read = (job.ActorId, job.PrincipalId, job.EntityId, job.EntityType, job.OrganizationId, job.FunctionDefinitionId, job.DefinitionScope);
        if (Database.Flavor == SchemaFlavor.Upstream047)
        {
            Assert.Equal(((Guid?)actor, (Guid?)principal, (Guid?)entity, "team", (Guid?)organization, (Guid?)definition, "app"), read);
        }
        else
        {
            Assert.Equal(((Guid?)null, (Guid?)null, (Guid?)null, (string?)null, (Guid?)null, (Guid?)null, (string?)null), read);
        }
        Assert.Equal(job, listed);
    }

    [Fact]
    public async Task Listing_and_counting_by_text_find_it_in_the_payload_or_the_error_ignoring_case()
    {
        var inPayload = await Client.EnqueueAsync("mail", Json("""{"to":"Ada@Example.com"}"""));
        var inError = await Client.EnqueueAsync("mail", Json("""{"to":"grace@example.com"}"""));
        await Client.EnqueueAsync("mail", Json("""{"to":"alan@example.com"}"""));
        await ExecuteAsync("UPDATE app_jobs.jobs SET last_error = 'SMTP said: no mailbox for ADA' WHERE id = $1", inError.Id);

        var found = await Admin.ListAsync(new JobListFilter { Text = "ada" });

        Assert.Equal([inError.Id, inPayload.Id], found.Select(j => j.Id));
        Assert.Equal(2, await Admin.CountAsync(new JobListFilter { Text = "ada" }));
        Assert.Equal(3, await Admin.CountAsync(new JobListFilter { Text = "@EXAMPLE.COM" }));
        // The payload's JSON text as stored: quotes and all.
        Assert.Equal([inPayload.Id], (await Admin.ListAsync(new JobListFilter { Text = "\"to\":\"ada" })).Select(j => j.Id));
        Assert.Empty(await Admin.ListAsync(new JobListFilter { Text = "100%_" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.ListAsync(new JobListFilter { Text = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Admin.CountAsync(new JobListFilter { Text = "nul\0" }));
    }
}

public sealed class AdminTestsOnInstaller(InstallerDatabase database) : AdminTests(database), IClassFixture<InstallerDatabase>;

public sealed class AdminTestsOnPgpm(PgpmDatabase database) : AdminTests(database), IClassFixture<PgpmDatabase>;

public sealed class AdminTestsOnUpstream047(Upstream047Database database) : AdminTests(database), IClassFixture<Upstream047Database>;
