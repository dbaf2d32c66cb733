using System.Text;

namespace Jobs.Schema;

/// <summary>
/// The least privileges each <see cref="JobsComponent"/> needs, as GRANT statements: the one source
/// of truth for <c>jobs grants</c>, the README and the tests that run every component under a role
/// holding exactly these (with EXECUTE revoked from PUBLIC, so the function grants are proven too).
/// </summary>
/// <remarks>
/// Functions are executable by PUBLIC unless someone revoked that, so the EXECUTE grants change
/// nothing on a default installation; they make the grants hold where it was revoked. Trigger
/// functions need no EXECUTE (PostgreSQL checks it when a trigger is created, not when it fires),
/// but their writes run with the rights of whoever wrote the row, hence the job_queues grants.
/// add_job and add_scheduled_job are SECURITY DEFINER: calling them needs EXECUTE only.
/// </remarks>
public static class RoleGrants
{
    /// <summary>The sequence behind <c>jobs.id</c> (bigserial) in every shape.</summary>
    public const string JobIdSequence = "jobs_id_seq";

    /// <summary>
    /// The statements that give <paramref name="role"/> what <paramref name="component"/> needs in
    /// <paramref name="schema"/> (default <c>app_jobs</c>). With <paramref name="shape"/>, they follow
    /// the deployed schema (0.47's extra functions and claim schemas); without, they are those of our
    /// installer's schema and the genuine 0.16.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="role"/> is empty, too long or holds a NUL.</exception>
    public static IReadOnlyList<string> For(JobsComponent component, string role, SchemaName? schema = null, SchemaShape? shape = null)
    {
        var grantee = QuoteRole(role);
        schema ??= shape?.Schema ?? SchemaName.Default;
        var jobs = schema.Qualify("jobs");
        var queues = schema.Qualify("job_queues");
        var scheduled = schema.Qualify("scheduled_jobs");
        var sequence = schema.Qualify(JobIdSequence);
        var is047 = shape is not null && (shape.HasAvailabilityColumn || shape.TakesAttribution);

        var statements = new List<string> { $"GRANT USAGE ON SCHEMA {schema.Quoted} TO {grantee};" };
        switch (component)
        {
            case JobsComponent.Client:
                // add_job alone needs EXECUTE; the set-wise insert of many keyless jobs (COPY, one
                // INSERT) writes jobs itself, takes ids from the sequence, and its rows' queue-count
                // trigger upserts job_queues with the writer's rights.
                statements.Add($"GRANT SELECT, INSERT ON {jobs} TO {grantee};");
                statements.Add($"GRANT USAGE ON SEQUENCE {sequence} TO {grantee};");
                statements.Add($"GRANT SELECT, INSERT, UPDATE ON {queues} TO {grantee};");
                statements.Add(Execute(schema, grantee, "add_job"));
                if (is047)
                {
                    // add_job's parameter defaults read the claims; a default runs as the caller.
                    statements.Add($"GRANT USAGE ON SCHEMA jwt_private, jwt_public TO {grantee};");
                }
                break;
            case JobsComponent.Worker:
                // The batched fetch locks jobs and their queues (FOR UPDATE), completion deletes the
                // job (its trigger updates or deletes the queue row), failure, renewal, release and
                // the rescuer update both; SchemaFunctions does the same through the functions,
                // which run with the caller's rights.
                statements.Add($"GRANT SELECT, UPDATE, DELETE ON {jobs}, {queues} TO {grantee};");
                statements.Add(Execute(schema, grantee, WithExisting(shape,
                    ["get_job", "complete_job", "fail_job", "permanently_fail_jobs", "release_jobs"], "force_unlock_workers")));
                break;
            case JobsComponent.Scheduler:
                // Claims are updates of scheduled_jobs; run_scheduled_job runs with the caller's
                // rights and inserts the job it fires (ids, the queue-count trigger); on 0.47 it
                // also refreshes a pending job of the same key and asserts attribution.
                statements.Add($"GRANT SELECT, UPDATE ON {scheduled} TO {grantee};");
                statements.Add($"GRANT SELECT, INSERT{(is047 ? ", UPDATE" : "")} ON {jobs} TO {grantee};");
                statements.Add($"GRANT USAGE ON SEQUENCE {sequence} TO {grantee};");
                statements.Add($"GRANT SELECT, INSERT, UPDATE ON {queues} TO {grantee};");
                statements.Add(Execute(schema, grantee, ["add_scheduled_job", "get_scheduled_job", "run_scheduled_job", "release_scheduled_jobs"]));
                if (is047)
                {
                    statements.Add($"GRANT USAGE ON SCHEMA jwt_private, jwt_public TO {grantee};");
                }
                break;
            case JobsComponent.Admin:
                // Reads for lists and statistics; retry, fail and reschedule update; delete and
                // remove-by-key delete (the queue-count trigger follows); unlock updates both tables.
                // Schedules: listed, paused and resumed (updates), deleted; run now goes through
                // run_scheduled_job with the caller's rights, inserting the job it fires as a scheduler does.
                statements.Add($"GRANT SELECT, INSERT, UPDATE, DELETE ON {jobs}, {queues} TO {grantee};");
                statements.Add($"GRANT USAGE ON SEQUENCE {sequence} TO {grantee};");
                statements.Add($"GRANT SELECT, UPDATE, DELETE ON {scheduled} TO {grantee};");
                statements.Add(Execute(schema, grantee, WithExisting(shape,
                    ["complete_jobs", "permanently_fail_jobs", "reschedule_jobs", "run_scheduled_job"], "remove_job", "force_unlock_workers")));
                if (is047)
                {
                    statements.Add($"GRANT USAGE ON SCHEMA jwt_private, jwt_public TO {grantee};");
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(component), component, "not a Jobs component");
        }
        return statements;
    }

    /// <summary>
    /// The statements that give <paramref name="role"/> what <paramref name="component"/> needs in
    /// the history of <paramref name="schema"/> (<see cref="HistoryInstaller"/>): a worker records
    /// completions and prunes records past the retention; an admin reads them. Empty for the others.
    /// </summary>
    /// <exception cref="ArgumentException">The role name is invalid, or the schema's name too long to have a history.</exception>
    public static IReadOnlyList<string> ForHistory(JobsComponent component, string role, SchemaName? schema = null)
    {
        var grantee = QuoteRole(role);
        var history = JobHistorySchema.For(schema ?? SchemaName.Default);
        var completed = history.Qualify("completed_jobs");
        var settings = history.Qualify("settings");
        return component switch
        {
            // The prune's WHERE reads completed_at and the retention: SELECT beside DELETE.
            JobsComponent.Worker =>
            [
                $"GRANT USAGE ON SCHEMA {history.Quoted} TO {grantee};",
                $"GRANT SELECT, INSERT, DELETE ON {completed} TO {grantee};",
                $"GRANT SELECT ON {settings} TO {grantee};",
            ],
            JobsComponent.Admin =>
            [
                $"GRANT USAGE ON SCHEMA {history.Quoted} TO {grantee};",
                $"GRANT SELECT ON {completed}, {settings} TO {grantee};",
            ],
            JobsComponent.Client or JobsComponent.Scheduler => [],
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, "not a Jobs component"),
        };
    }

    /// <summary>
    /// What <paramref name="component"/> needs on the trace contexts (<see cref="TraceContextInstaller"/>):
    /// a client stores them (an upsert: SELECT, INSERT, UPDATE), a worker reads them and removes
    /// those of jobs that are gone (SELECT, DELETE). Without them, the feature is off for the role.
    /// </summary>
    /// <exception cref="ArgumentException">The role name is invalid, or the schema's name too long to have a trace schema.</exception>
    public static IReadOnlyList<string> ForTraceContexts(JobsComponent component, string role, SchemaName? schema = null)
    {
        var grantee = QuoteRole(role);
        var trace = JobTraceSchema.For(schema ?? SchemaName.Default);
        var table = trace.Qualify(JobTraceSchema.Table);
        return component switch
        {
            JobsComponent.Client => [$"GRANT USAGE ON SCHEMA {trace.Quoted} TO {grantee};", $"GRANT {ClientTracePrivileges} ON {table} TO {grantee};"],
            JobsComponent.Worker => [$"GRANT USAGE ON SCHEMA {trace.Quoted} TO {grantee};", $"GRANT {WorkerTracePrivileges} ON {table} TO {grantee};"],
            JobsComponent.Admin or JobsComponent.Scheduler => [],
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, "not a Jobs component"),
        };
    }

    /// <summary>What a client needs on the trace contexts' table.</summary>
    internal const string ClientTracePrivileges = "SELECT, INSERT, UPDATE";

    /// <summary>What a worker needs on the trace contexts' table.</summary>
    internal const string WorkerTracePrivileges = "SELECT, DELETE";

    /// <summary><paramref name="role"/> as a quoted SQL identifier.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than PostgreSQL's 63 bytes, or holds a NUL.</exception>
    public static string QuoteRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.Length == 0 || role.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(role) > 63)
        {
            throw new ArgumentException($"'{role}' is not a valid role name: give 1 to 63 bytes without NUL.", nameof(role));
        }
        return "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    // Only functions the deployed schema has: a GRANT naming a missing one fails as a whole.
    private static string[] WithExisting(SchemaShape? shape, string[] always, params string[] ifPresent) =>
        [.. always, .. ifPresent.Where(name => shape?.Function(name) is not null)];

    // Named without arguments: PostgreSQL accepts that when the name has one overload, as every
    // function of these schemas does.
    private static string Execute(SchemaName schema, string grantee, params string[] functions) =>
        $"GRANT EXECUTE ON FUNCTION {string.Join(", ", functions.Select(schema.Qualify))} TO {grantee};";
}
