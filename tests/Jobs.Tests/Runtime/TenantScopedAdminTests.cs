using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// Two databases' jobs in one table: an admin configured with a database id sees and changes only
/// that database's jobs, whatever ids or keys it is given; <see cref="JobsAdmin.ForAllDatabases"/>
/// sees both.
/// </summary>
public abstract class TenantScopedAdminTests(SchemaDatabase database) : RuntimeTest(database)
{
    private static readonly Guid OtherDatabaseId = Guid.Parse("7a1f3c5e-2b4d-4c6e-8f10-3a5b7c9d1e2f");

    private JobsAdmin Scoped { get; set; } = null!;

    private JobsClient OtherClient { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Scoped = new JobsAdmin(DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
        OtherClient = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = OtherDatabaseId, Attribution = TestActor });
    }

    [Fact]
    public void The_scope_comes_from_the_options_and_is_left_only_on_request()
    {
        Assert.Equal(DatabaseId, Scoped.DatabaseId);
        Assert.Null(Scoped.ForAllDatabases().DatabaseId);
        Assert.Equal(OtherDatabaseId, Scoped.ForAllDatabases().ForDatabase(OtherDatabaseId).DatabaseId);
        Assert.Null(new JobsAdmin(DataSource).DatabaseId);
    }

    [Fact]
    public async Task A_scoped_admin_lists_gets_and_counts_only_its_own_databases_jobs()
    {
        var mine = await Client.EnqueueAsync("task", default, new EnqueueOptions { Queue = "shared" });
        var theirs = await OtherClient.EnqueueAsync("task", default, new EnqueueOptions { Queue = "shared" });
        var theirsRunning = await OtherClient.EnqueueAsync("running", default, new EnqueueOptions { Queue = "theirs-only" });
        await ExecuteAsync("SELECT app_jobs.get_job(worker_id => 'tenant-test-worker', task_identifiers => ARRAY['running'])");

        Assert.Equal([mine.Id], (await Scoped.ListAsync()).Select(j => j.Id));
        Assert.Empty(await Scoped.ListAsync(new JobListFilter { State = JobState.Running }));
        Assert.NotNull(await Scoped.GetAsync(mine.Id));
        Assert.Null(await Scoped.GetAsync(theirs.Id));
        Assert.Null(await Scoped.GetAsync(theirsRunning.Id));
        var statistics = await Scoped.GetStatisticsAsync();
        Assert.Equal((1L, 0L), (statistics.Ready, statistics.Running));
        var queue = Assert.Single(await Scoped.GetQueuesAsync());
        Assert.Equal(("shared", 1), (queue.Name, queue.JobCount));

        var all = Scoped.ForAllDatabases();
        Assert.Equal([theirsRunning.Id, theirs.Id, mine.Id], (await all.ListAsync()).Select(j => j.Id));
        Assert.NotNull(await all.GetAsync(theirs.Id));
        var allStatistics = await all.GetStatisticsAsync();
        Assert.Equal((2L, 1L), (allStatistics.Ready, allStatistics.Running));
        Assert.Equal([("shared", 2), ("theirs-only", 1)], (await all.GetQueuesAsync()).Select(q => (q.Name, q.JobCount)));
        Assert.Equal([theirsRunning.Id, theirs.Id], (await all.ForDatabase(OtherDatabaseId).ListAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task A_scoped_admin_changes_none_of_another_databases_jobs_even_given_their_ids_or_keys()
    {
        var mine = await Client.EnqueueAsync("task", default);
        var theirs = await OtherClient.EnqueueAsync("task", default, new EnqueueOptions { Key = "their-key" });
        var theirsDead = await OtherClient.EnqueueAsync("task", default);
        await Scoped.ForAllDatabases().PermanentlyFailAsync([theirsDead.Id], "given up");

        Assert.Equal([mine.Id], (await Scoped.RetryNowAsync([mine.Id, theirsDead.Id])).Select(j => j.Id));
        Assert.Empty(await Scoped.PermanentlyFailAsync([theirs.Id], "not yours"));
        Assert.Empty(await Scoped.RescheduleAsync([theirs.Id], priority: 7, maxAttempts: 3));
        Assert.Empty(await Scoped.DeleteAsync([theirs.Id]));
        Assert.Equal(JobRemovalOutcome.NotFound, (await Scoped.RemoveByKeyAsync("their-key")).Outcome);

        var untouched = (await Admin.GetAsync(theirs.Id))!;
        Assert.Equal((JobState.Ready, 0, 25, "their-key", (string?)null), (untouched.State, untouched.Priority, untouched.MaxAttempts, untouched.Key, untouched.LastError));
        Assert.Equal(JobState.PermanentlyFailed, (await Admin.GetAsync(theirsDead.Id))!.State);

        var all = Scoped.ForAllDatabases();
        Assert.Equal([theirsDead.Id], (await all.RetryNowAsync([theirsDead.Id])).Select(j => j.Id));
        Assert.Equal([theirs.Id], (await all.RescheduleAsync([theirs.Id], priority: 7)).Select(j => j.Id));
        var removal = await all.RemoveByKeyAsync("their-key");
        Assert.Equal((JobRemovalOutcome.Removed, theirs.Id), (removal.Outcome, removal.Job!.Id));
        Assert.Equal([theirsDead.Id], (await all.DeleteAsync([theirsDead.Id])).Select(j => j.Id));
        Assert.Equal([mine.Id], (await Admin.ListAsync()).Select(j => j.Id));
    }
}

public sealed class TenantScopedAdminTestsOnInstaller(InstallerDatabase database) : TenantScopedAdminTests(database), IClassFixture<InstallerDatabase>;

public sealed class TenantScopedAdminTestsOnPgpm(PgpmDatabase database) : TenantScopedAdminTests(database), IClassFixture<PgpmDatabase>;

public sealed class TenantScopedAdminTestsOnUpstream047(Upstream047Database database) : TenantScopedAdminTests(database), IClassFixture<Upstream047Database>;
