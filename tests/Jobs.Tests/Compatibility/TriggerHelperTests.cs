using Jobs.Tests.Infrastructure;
using Npgsql;
using static Jobs.Tests.Compatibility.JobsSql;

namespace Jobs.Tests.Compatibility;

// The trigger helpers take the database id from jwt_private.current_database_id(), which the
// application provides; here it returns a fixed uuid.
public abstract class TriggerHelperTests(SchemaDatabase database) : CompatibilityTest(database)
{
    private static readonly Guid TenantId = Guid.Parse("0f7d3c1e-9a55-4a0b-8f1e-2f4b1c6d7e80");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await DataSource.ExecuteAsync(
            $"""
            CREATE SCHEMA IF NOT EXISTS jwt_private;
            CREATE OR REPLACE FUNCTION jwt_private.current_database_id() RETURNS uuid
              LANGUAGE sql STABLE AS $$ SELECT '{TenantId}'::uuid $$;
            DROP TABLE IF EXISTS public.compat_users;
            CREATE TABLE public.compat_users (id int PRIMARY KEY, name text, age int, active boolean);
            """);
    }

    [Fact]
    public async Task Tg_add_job_with_row_queues_the_new_row_as_json()
    {
        await AttachAsync("AFTER INSERT", "app_jobs.tg_add_job_with_row('user_created')");

        await DataSource.ExecuteAsync("INSERT INTO public.compat_users VALUES (7, 'Ada', 36, true)");

        var job = Assert.Single(await DataSource.AllJobsAsync());
        Assert.Equal("user_created", job.TaskIdentifier);
        Assert.Equal(TenantId, job.DatabaseId);
        Assert.Null(job.QueueName);
        AssertJson("""{"id": 7, "name": "Ada", "age": 36, "active": true}""", job.Payload);
    }

    [Fact]
    public async Task Tg_add_job_with_row_queues_the_new_row_on_update_and_the_old_row_on_delete()
    {
        await AttachAsync("AFTER UPDATE OR DELETE", "app_jobs.tg_add_job_with_row('user_changed')");
        await DataSource.ExecuteAsync("INSERT INTO public.compat_users VALUES (7, 'Ada', 36, true)");

        await DataSource.ExecuteAsync("UPDATE public.compat_users SET age = 37 WHERE id = 7");
        await DataSource.ExecuteAsync("DELETE FROM public.compat_users WHERE id = 7");

        var jobs = await DataSource.AllJobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job => Assert.Equal("user_changed", job.TaskIdentifier));
        AssertJson("""{"id": 7, "name": "Ada", "age": 37, "active": true}""", jobs[0].Payload);
        AssertJson("""{"id": 7, "name": "Ada", "age": 37, "active": true}""", jobs[1].Payload);
        Assert.Empty(await DataSource.QueryAsync("SELECT id FROM public.compat_users", reader => reader.GetInt32(0)));
    }

    [Fact]
    public async Task Tg_add_job_with_row_id_queues_only_the_id()
    {
        await AttachAsync("AFTER INSERT OR DELETE", "app_jobs.tg_add_job_with_row_id('user_touched')");

        await DataSource.ExecuteAsync("INSERT INTO public.compat_users VALUES (11, 'Grace', 45, false)");
        await DataSource.ExecuteAsync("DELETE FROM public.compat_users WHERE id = 11");

        var jobs = await DataSource.AllJobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job =>
        {
            Assert.Equal("user_touched", job.TaskIdentifier);
            Assert.Equal(TenantId, job.DatabaseId);
            AssertJson("""{"id": 11}""", job.Payload);
        });
    }

    [Fact]
    public async Task Trigger_job_with_fields_queues_the_named_columns_as_text()
    {
        await AttachAsync("AFTER INSERT", "app_jobs.trigger_job_with_fields('user_fields', 'name', 'age', 'active')");

        await DataSource.ExecuteAsync("INSERT INTO public.compat_users VALUES (3, 'Linus', 54, true)");

        var job = Assert.Single(await DataSource.AllJobsAsync());
        Assert.Equal("user_fields", job.TaskIdentifier);
        Assert.Equal(TenantId, job.DatabaseId);
        AssertJson("""{"name": "Linus", "age": "54", "active": "true"}""", job.Payload);
    }

    [Fact]
    public async Task Trigger_job_with_fields_turns_a_null_column_into_an_empty_string()
    {
        await AttachAsync("AFTER INSERT", "app_jobs.trigger_job_with_fields('user_fields', 'id', 'name')");

        await DataSource.ExecuteAsync("INSERT INTO public.compat_users (id) VALUES (4)");

        AssertJson("""{"id": "4", "name": ""}""", Assert.Single(await DataSource.AllJobsAsync()).Payload);
    }

    [Fact]
    public async Task Trigger_job_with_fields_without_columns_queues_an_empty_object()
    {
        await AttachAsync("AFTER DELETE", "app_jobs.trigger_job_with_fields('user_deleted')");
        await DataSource.ExecuteAsync("INSERT INTO public.compat_users VALUES (5, 'Ken', 80, true)");

        await DataSource.ExecuteAsync("DELETE FROM public.compat_users WHERE id = 5");

        var job = Assert.Single(await DataSource.AllJobsAsync());
        Assert.Equal("user_deleted", job.TaskIdentifier);
        AssertJson("{}", job.Payload);
    }

    [Fact]
    public async Task Json_build_object_apply_pairs_names_with_text_values()
    {
        var json = await DataSource.ScalarAsync<string>(
            "SELECT app_jobs.json_build_object_apply(arguments => ARRAY['a', '1', 'b', 'two'])::text");

        AssertJson("""{"a": "1", "b": "two"}""", json!);
    }

    [Fact]
    public async Task Json_build_object_apply_of_an_empty_or_null_array_is_an_empty_object()
    {
        Assert.Equal("{}", await DataSource.ScalarAsync<string>("SELECT app_jobs.json_build_object_apply(arguments => ARRAY[]::text[])::text"));
        Assert.Equal("{}", await DataSource.ScalarAsync<string>("SELECT app_jobs.json_build_object_apply(arguments => NULL)::text"));
    }

    [Fact]
    public async Task Json_build_object_apply_of_an_odd_number_of_elements_raises_invalid_parameter_value()
    {
        await ThrowsPostgresAsync(
            PostgresErrorCodes.InvalidParameterValue,
            () => DataSource.ExecuteAsync("SELECT app_jobs.json_build_object_apply(arguments => ARRAY['lonely'])"));
    }

    private Task AttachAsync(string timing, string function) =>
        DataSource.ExecuteAsync($"CREATE TRIGGER compat_users_job {timing} ON public.compat_users FOR EACH ROW EXECUTE PROCEDURE {function}");
}

public sealed class TriggerHelperTestsOnInstaller(InstallerDatabase database) : TriggerHelperTests(database), IClassFixture<InstallerDatabase>;

public sealed class TriggerHelperTestsOnPgpm(PgpmDatabase database) : TriggerHelperTests(database), IClassFixture<PgpmDatabase>;
