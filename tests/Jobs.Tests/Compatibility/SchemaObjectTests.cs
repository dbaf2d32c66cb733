using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Compatibility;

// Users and tools refer to these objects by name; our installer may add objects, never rename them.
public abstract class SchemaObjectTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Every_function_has_the_genuine_parameters_defaults_and_result()
    {
        var expected = new Dictionary<string, (string Arguments, string Result)>
        {
            ["add_job"] = ("db_id uuid, identifier text, payload json DEFAULT '{}'::json, job_key text DEFAULT NULL::text, queue_name text DEFAULT NULL::text, run_at timestamp with time zone DEFAULT now(), max_attempts integer DEFAULT 25, priority integer DEFAULT 0", "app_jobs.jobs"),
            ["get_job"] = ("worker_id text, task_identifiers text[] DEFAULT NULL::text[], job_expiry interval DEFAULT '04:00:00'::interval", "app_jobs.jobs"),
            ["complete_job"] = ("worker_id text, job_id bigint", "app_jobs.jobs"),
            ["complete_jobs"] = ("job_ids bigint[]", "SETOF app_jobs.jobs"),
            ["fail_job"] = ("worker_id text, job_id bigint, error_message text", "app_jobs.jobs"),
            ["permanently_fail_jobs"] = ("job_ids bigint[], error_message text DEFAULT NULL::text", "SETOF app_jobs.jobs"),
            ["reschedule_jobs"] = ("job_ids bigint[], run_at timestamp with time zone DEFAULT NULL::timestamp with time zone, priority integer DEFAULT NULL::integer, attempts integer DEFAULT NULL::integer, max_attempts integer DEFAULT NULL::integer", "SETOF app_jobs.jobs"),
            ["release_jobs"] = ("worker_id text", "void"),
            ["add_scheduled_job"] = ("db_id uuid, identifier text, payload json DEFAULT '{}'::json, schedule_info json DEFAULT '{}'::json, job_key text DEFAULT NULL::text, queue_name text DEFAULT NULL::text, max_attempts integer DEFAULT 25, priority integer DEFAULT 0", "app_jobs.scheduled_jobs"),
            ["get_scheduled_job"] = ("worker_id text, task_identifiers text[] DEFAULT NULL::text[]", "app_jobs.scheduled_jobs"),
            ["run_scheduled_job"] = ("id bigint, job_expiry interval DEFAULT '01:00:00'::interval", "app_jobs.jobs"),
            ["release_scheduled_jobs"] = ("worker_id text, ids bigint[] DEFAULT NULL::bigint[]", "void"),
            ["json_build_object_apply"] = ("arguments text[]", "json"),
            ["tg_add_job_with_row_id"] = ("", "trigger"),
            ["tg_add_job_with_row"] = ("", "trigger"),
            ["trigger_job_with_fields"] = ("", "trigger"),
            ["tg_update_timestamps"] = ("", "trigger"),
            ["do_notify"] = ("", "trigger"),
            ["tg_increase_job_queue_count"] = ("", "trigger"),
            ["tg_decrease_job_queue_count"] = ("", "trigger"),
        };

        var actual = await DataSource.QueryAsync(
            """
            SELECT p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)
            FROM pg_proc p WHERE p.pronamespace = 'app_jobs'::regnamespace
            """,
            reader => (Name: reader.GetString(0), Arguments: reader.GetString(1), Result: reader.GetString(2)));

        foreach (var (name, signature) in expected)
        {
            var overloads = actual.Where(f => f.Name == name).ToList();
            var function = Assert.Single(overloads);
            Assert.Equal((name, signature.Arguments, signature.Result), (function.Name, function.Arguments, function.Result));
        }
    }

    [Fact]
    public async Task Fail_job_alone_is_strict_and_the_job_adding_functions_are_security_definer()
    {
        var functions = await DataSource.QueryAsync(
            "SELECT proname, proisstrict, prosecdef FROM pg_proc WHERE pronamespace = 'app_jobs'::regnamespace",
            reader => (Name: reader.GetString(0), Strict: reader.GetBoolean(1), SecurityDefiner: reader.GetBoolean(2)));

        Assert.Equal(["fail_job"], functions.Where(f => f.Strict).Select(f => f.Name));
        Assert.Equal(
            ["add_job", "add_scheduled_job", "tg_add_job_with_row", "tg_add_job_with_row_id", "trigger_job_with_fields"],
            functions.Where(f => f.SecurityDefiner).Select(f => f.Name).Order());
    }

    [Fact]
    public async Task The_tables_have_the_genuine_columns_types_and_nullability()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["jobs"] =
            [
                "id bigint NO", "database_id uuid NO", "queue_name text YES", "task_identifier text NO", "payload json NO",
                "priority integer NO", "run_at timestamp with time zone NO", "attempts integer NO", "max_attempts integer NO",
                "key text YES", "last_error text YES", "locked_at timestamp with time zone YES", "locked_by text YES",
                "created_at timestamp with time zone YES", "updated_at timestamp with time zone YES",
            ],
            ["job_queues"] =
            [
                "queue_name text NO", "job_count integer NO", "locked_at timestamp with time zone YES", "locked_by text YES",
            ],
            ["scheduled_jobs"] =
            [
                "id bigint NO", "database_id uuid NO", "queue_name text YES", "task_identifier text NO", "payload json NO",
                "priority integer NO", "max_attempts integer NO", "key text YES", "locked_at timestamp with time zone YES",
                "locked_by text YES", "schedule_info json NO", "last_scheduled timestamp with time zone YES", "last_scheduled_id bigint YES",
            ],
        };

        foreach (var (table, columns) in expected)
        {
            var actual = await DataSource.QueryAsync(
                """
                SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns
                WHERE table_schema = 'app_jobs' AND table_name = $1 ORDER BY ordinal_position
                """,
                reader => reader.GetString(0),
                table);
            Assert.Equal(columns, actual.Take(columns.Length));
        }
    }

    [Fact]
    public async Task The_triggers_keep_their_genuine_names()
    {
        var triggers = await DataSource.QueryAsync(
            "SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal",
            reader => reader.GetString(0));

        Assert.Subset(triggers.ToHashSet(),
        new HashSet<string>
        {
            "app_jobs.jobs._100_update_jobs_modtime_tg",
            "app_jobs.jobs._500_increase_job_queue_count_on_insert",
            "app_jobs.jobs._500_increase_job_queue_count_on_update",
            "app_jobs.jobs._900_notify_worker",
            "app_jobs.jobs.decrease_job_queue_count_on_delete",
            "app_jobs.jobs.decrease_job_queue_count_on_update",
            "app_jobs.scheduled_jobs._900_notify_scheduled_job",
        });
    }

    [Fact]
    public async Task The_indexes_keep_their_genuine_names_and_columns()
    {
        var indexes = await DataSource.QueryAsync(
            "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'app_jobs'",
            reader => reader.GetString(0));

        Assert.Subset(indexes.ToHashSet(),
        new HashSet<string>
        {
            "priority_run_at_id_idx CREATE INDEX priority_run_at_id_idx ON app_jobs.jobs USING btree (priority, run_at, id)",
            "jobs_locked_by_idx CREATE INDEX jobs_locked_by_idx ON app_jobs.jobs USING btree (locked_by)",
            "job_queues_locked_by_idx CREATE INDEX job_queues_locked_by_idx ON app_jobs.job_queues USING btree (locked_by)",
            "scheduled_jobs_priority_id_idx CREATE INDEX scheduled_jobs_priority_id_idx ON app_jobs.scheduled_jobs USING btree (priority, id)",
            "scheduled_jobs_locked_by_idx CREATE INDEX scheduled_jobs_locked_by_idx ON app_jobs.scheduled_jobs USING btree (locked_by)",
        });
    }
}

public sealed class SchemaObjectTestsOnInstaller(InstallerDatabase database) : SchemaObjectTests(database), IClassFixture<InstallerDatabase>;

public sealed class SchemaObjectTestsOnPgpm(PgpmDatabase database) : SchemaObjectTests(database), IClassFixture<PgpmDatabase>;
