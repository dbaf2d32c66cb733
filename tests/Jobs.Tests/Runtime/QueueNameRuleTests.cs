using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>
/// The queue name 'default' is stored by every enqueue path exactly as the schema's own add_job
/// stores it: a real named queue on 0.16 (and our schema), no queue at all on 0.47. An empty name
/// is refused before any SQL on every shape.
/// </summary>
public abstract class QueueNameRuleTests(SchemaDatabase database) : RuntimeTest(database)
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1_000)]
    public async Task Default_is_stored_as_add_job_stores_it_on_every_path(int count)
    {
        var bySql = await Compatibility.JobsSql.AddJobAsync(DataSource, "by_sql", queueName: "default", actorId: TestActorFor(Database.Flavor));
        var expected = bySql.QueueName;
        var options = new EnqueueOptions { Queue = "default" };
        var requests = Enumerable.Range(0, count).Select(_ => new JobRequest("by_client", default, options)).ToList();

        IReadOnlyList<JobRow> keyless = count == 1 ? [await Client.EnqueueAsync("by_client", default, options)] : await Client.EnqueueManyAsync(requests);
        var keyed = await Client.EnqueueManyAsync(requests.Select((r, i) => r with { Options = options with { Key = $"k{count}-{i}" } }));

        Assert.Equal(Database.Flavor == SchemaFlavor.Upstream047 ? null : "default", expected);
        Assert.All(keyless.Concat(keyed), job => Assert.Equal(expected, job.QueueName));
        Assert.Equal(2L * count, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'by_client' AND queue_name IS NOT DISTINCT FROM $1", (object?)expected ?? DBNull.Value));
    }

    [Fact]
    public async Task An_empty_queue_name_is_refused_before_any_sql()
    {
        var options = new EnqueueOptions { Queue = "" };

        await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("empty", default, options));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync(Enumerable.Range(0, 1_000).Select(_ => new JobRequest("empty", default, options))));

        Assert.Equal(0L, await JobCountAsync());
    }

    private static Guid? TestActorFor(SchemaFlavor flavor) => flavor == SchemaFlavor.Upstream047 ? TestActor.ActorId : null;
}

public sealed class QueueNameRuleTestsOnInstaller(InstallerDatabase database) : QueueNameRuleTests(database), IClassFixture<InstallerDatabase>;

public sealed class QueueNameRuleTestsOnPgpm(PgpmDatabase database) : QueueNameRuleTests(database), IClassFixture<PgpmDatabase>;

public sealed class QueueNameRuleTestsOnUpstream047(Upstream047Database database) : QueueNameRuleTests(database), IClassFixture<Upstream047Database>;
