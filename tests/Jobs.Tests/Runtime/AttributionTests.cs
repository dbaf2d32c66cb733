using Jobs.Testing;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Runtime;

/// <summary>
/// Strict attribution on the 0.47 shape: every enqueue path carries it from the options, the
/// client's defaults or the caller's claims, and a missing one is refused with the remedy named.
/// </summary>
public sealed class AttributionTests(Upstream047Database database) : RuntimeTest(database), IClassFixture<Upstream047Database>
{
    private static readonly Guid ClaimedUser = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid Organisation = Guid.Parse("99999999-8888-4777-8666-555555555555");

    private JobsClient Unattributed => new(DataSource, new JobsClientOptions { DatabaseId = DatabaseId });

    private Task<(Guid? Actor, Guid? Entity, string? EntityType, Guid? Organisation)> AttributionOfAsync(long id) =>
        QueryOneAsync(id, "SELECT actor_id, entity_id, entity_type, organization_id FROM app_jobs.jobs WHERE id = $1");

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1_000)]
    public async Task Without_attribution_every_path_is_refused_naming_the_options_and_nothing_is_stored(int count)
    {
        var requests = Enumerable.Range(0, count).Select(_ => new JobRequest("unattributed", default)).ToList();

        var error = count == 1
            ? await Assert.ThrowsAsync<JobAttributionException>(() => Unattributed.EnqueueAsync("unattributed", default))
            : await Assert.ThrowsAsync<JobAttributionException>(() => Unattributed.EnqueueManyAsync(requests));

        Assert.Equal("ATTRIBUTION_REQUIRED", error.Code);
        Assert.Contains("EnqueueOptions.Attribution", error.Message, StringComparison.Ordinal);
        Assert.Contains("JobsClientOptions.Attribution", error.Message, StringComparison.Ordinal);
        Assert.Contains("set_config('jwt.claims.user_id'", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(0L, await JobCountAsync());
    }

    [Fact]
    public async Task An_entity_without_its_type_is_refused_with_its_own_remedy()
    {
        var options = new EnqueueOptions { Attribution = new JobAttribution { EntityId = Organisation } };

        var error = await Assert.ThrowsAsync<JobAttributionException>(() => Unattributed.EnqueueAsync("half", default, options));

        Assert.Equal("ENTITY_TYPE_REQUIRED", error.Code);
        Assert.Contains("EntityType", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1_000)]
    public async Task Options_override_the_clients_default_and_are_stored(int count)
    {
        var entity = new EnqueueOptions { Attribution = new JobAttribution { EntityId = Organisation, EntityType = "org" } };
        var requests = Enumerable.Range(0, count).Select(i => new JobRequest("attributed", default, i % 2 == 0 ? entity : null)).ToList();

        IReadOnlyList<JobRow> jobs = count == 1 ? [await Client.EnqueueAsync("attributed", default, entity)] : await Client.EnqueueManyAsync(requests);

        for (var i = 0; i < jobs.Count; i++)
        {
            // The client's default actor stays; the entity pair comes from the options where given.
            var expected = i % 2 == 0 ? (TestActor.ActorId, Organisation, "org", (Guid?)null) : (TestActor.ActorId, (Guid?)null, (string?)null, (Guid?)null);
            Assert.Equal(expected, await AttributionOfAsync(jobs[i].Id));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1_000)]
    public async Task Claims_set_for_the_callers_transaction_attribute_every_path(int count)
    {
        var requests = Enumerable.Range(0, count).Select(_ => new JobRequest("claimed", default)).ToList();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claims = new NpgsqlCommand("SELECT set_config('jwt.claims.user_id', $1, true)", connection, transaction))
        {
            claims.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClaimedUser.ToString() });
            await claims.ExecuteNonQueryAsync();
        }

        IReadOnlyList<JobRow> jobs = count == 1
            ? [await Unattributed.EnqueueAsync(connection, transaction, "claimed", default)]
            : await Unattributed.EnqueueManyAsync(connection, transaction, requests);
        await transaction.CommitAsync();

        Assert.Equal(count, jobs.Count);
        Assert.Equal((long)count, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE actor_id = $1", ClaimedUser));
    }

    [Fact]
    public async Task The_database_id_can_come_from_the_claims_too()
    {
        var claimedDatabase = Guid.NewGuid();
        var client = new JobsClient(DataSource, new JobsClientOptions { Attribution = TestActor });
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claims = new NpgsqlCommand("SELECT set_config('jwt.claims.database_id', $1, true)", connection, transaction))
        {
            claims.Parameters.Add(new NpgsqlParameter<string> { TypedValue = claimedDatabase.ToString() });
            await claims.ExecuteNonQueryAsync();
        }

        var job = await client.EnqueueAsync(connection, transaction, "claimed_database", default);
        var many = await client.EnqueueManyAsync(connection, transaction, [new JobRequest("claimed_database", default), new JobRequest("claimed_database", default)]);
        await transaction.CommitAsync();

        Assert.Equal([claimedDatabase, claimedDatabase, claimedDatabase], new[] { job, many[0], many[1] }.Select(j => j.DatabaseId));
    }

    [Fact]
    public async Task Rows_that_differ_in_what_they_give_keep_their_order_in_one_transaction()
    {
        var other = Guid.NewGuid();
        var requests = new[]
        {
            new JobRequest("mixed", default, new EnqueueOptions { Key = "k" }),
            new JobRequest("mixed", default, new EnqueueOptions { Attribution = new JobAttribution { EntityId = Organisation, EntityType = "org" } }),
            new JobRequest("mixed", default, new EnqueueOptions { DatabaseId = other }),
            new JobRequest("mixed", default, new EnqueueOptions { Key = "k", Priority = 7 }),
            new JobRequest("mixed", default, new EnqueueOptions { Attribution = new JobAttribution { EntityId = Organisation, EntityType = "bad" } }),
        };

        var jobs = await Client.EnqueueManyAsync(requests);

        Assert.Equal(jobs[0].Id, jobs[3].Id);
        Assert.Equal(7, (await Admin.GetAsync(jobs[0].Id))!.Priority);
        Assert.Equal(other, jobs[2].DatabaseId);
        Assert.True(jobs[1].Id < jobs[2].Id && jobs[2].Id < jobs[4].Id, "ids rise in input order");
        Assert.Equal("bad", (await AttributionOfAsync(jobs[4].Id)).EntityType);

        // A refusal in a later run leaves none of the earlier ones stored.
        var before = await JobCountAsync();
        await Assert.ThrowsAsync<JobAttributionException>(() => Client.EnqueueManyAsync(
        [
            new JobRequest("mixed", default),
            new JobRequest("mixed", default, new EnqueueOptions { Attribution = new JobAttribution { EntityType = "org" } }),
        ]));
        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task The_scheduler_registers_and_fires_under_its_service_actor()
    {
        var service = Guid.Parse("0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d");
        var registry = new JobsScheduleRegistry().Add(new RecurringJob("attributed_tick", "* * * * * *"));
        var options = new JobsSchedulerOptions { WorkerId = "scheduler-service", PollInterval = TimeSpan.FromMinutes(10), Attribution = new JobAttribution { ActorId = service } };
        await using (var scheduler = new SchedulerRun(Database.ConnectionString, options, registry, DatabaseId))
        {
            await scheduler.ReadyAsync();
            await Eventually.TrueAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE task_identifier = 'attributed_tick'") > 0,
                "the schedule to fire", TimeSpan.FromSeconds(30));
        }

        Assert.Equal(service, await ScalarAsync<Guid>("SELECT actor_id FROM app_jobs.scheduled_jobs WHERE key = 'recurring:attributed_tick'"));
        Assert.Equal(service, await ScalarAsync<Guid>("SELECT actor_id FROM app_jobs.jobs WHERE task_identifier = 'attributed_tick' LIMIT 1"));
    }

    [Fact]
    public async Task A_scheduler_without_attribution_stops_at_registration_with_the_remedy()
    {
        var registry = new JobsScheduleRegistry().Add(new RecurringJob("unattributed_tick", "0 2 * * *"));
        await using var dataSource = JobsDataSource.Create(Database.ConnectionString);
        var scheduler = new JobsScheduler(dataSource, new JobsSchedulerOptions { PollInterval = TimeSpan.FromMinutes(10) },
            new JobsClientOptions { DatabaseId = DatabaseId }, registry);

        var error = await Assert.ThrowsAsync<JobAttributionException>(() => scheduler.RunAsync(CancellationToken.None));

        Assert.Contains("JobsSchedulerOptions.Attribution", error.Message, StringComparison.Ordinal);
        Assert.False(scheduler.Health.IsRunning);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.scheduled_jobs"));
    }

    private async Task<(Guid?, Guid?, string?, Guid?)> QueryOneAsync(long id, string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3));
    }
}

/// <summary>On a schema whose add_job takes no attribution, an explicit one is refused rather than dropped; the client's default is ignored.</summary>
public sealed class AttributionOn016Tests(PgpmDatabase database) : RuntimeTest(database), IClassFixture<PgpmDatabase>
{
    [Fact]
    public async Task Explicit_attribution_is_refused_and_the_clients_default_is_ignored()
    {
        var options = new EnqueueOptions { Attribution = new JobAttribution { ActorId = Guid.NewGuid() } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("attributed", default, options));
        var stored = await Client.EnqueueAsync("default_attribution_ignored", default);

        Assert.Contains("takes no actor_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.47", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await JobCountAsync());
        Assert.Equal("default_attribution_ignored", stored.TaskIdentifier);
    }
}
