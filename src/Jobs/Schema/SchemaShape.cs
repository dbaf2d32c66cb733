using System.Collections.Frozen;

namespace Jobs.Schema;

/// <summary>
/// What one app_jobs schema offers, read from its catalog once (<see cref="SchemaShapeReader"/>):
/// its columns, its functions and their parameter names, and its indexes. The client, worker and
/// scheduler use what is there, and refuse at start a schema they cannot serve.
/// </summary>
public sealed class SchemaShape
{
    /// <summary>The named parameters the framework passes to each function it calls.</summary>
    public static IReadOnlyDictionary<string, string[]> CalledParameters { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["add_job"] = ["identifier", "payload", "job_key", "queue_name", "run_at", "max_attempts", "priority", "db_id"],
        ["add_scheduled_job"] = ["identifier", "payload", "schedule_info", "job_key", "queue_name", "max_attempts", "priority", "db_id"],
        ["get_job"] = ["worker_id", "task_identifiers", "job_expiry"],
        ["complete_job"] = ["worker_id", "job_id"],
        ["complete_jobs"] = ["job_ids"],
        ["fail_job"] = ["worker_id", "job_id", "error_message"],
        ["permanently_fail_jobs"] = ["job_ids", "error_message"],
        ["reschedule_jobs"] = ["job_ids", "run_at", "priority", "attempts", "max_attempts"],
        ["release_jobs"] = ["worker_id"],
        ["get_scheduled_job"] = ["worker_id", "task_identifiers"],
        ["run_scheduled_job"] = ["id", "job_expiry"],
        ["release_scheduled_jobs"] = ["worker_id"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The jobs columns the framework reads or writes by name.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
    [
        "id", "database_id", "queue_name", "task_identifier", "payload", "priority", "run_at",
        "attempts", "max_attempts", "key", "last_error", "locked_at", "locked_by",
    ];

    /// <summary>The attribution parameters of 0.47's add_job, each passed only when given.</summary>
    public static IReadOnlyList<string> AttributionParameters { get; } =
        ["actor_id", "principal_id", "entity_id", "entity_type", "organization_id"];

    private readonly FrozenSet<string> _columns;
    private readonly FrozenDictionary<string, SchemaFunction> _functions;

    internal SchemaShape(SchemaName schema, bool hasVersionTable, IEnumerable<string> jobColumns,
        IEnumerable<SchemaFunction> functions, IReadOnlyList<SchemaIndex> jobIndexes,
        IReadOnlyList<DefinerFunction>? unpinnedDefiners = null)
    {
        Schema = schema;
        _columns = jobColumns.ToFrozenSet(StringComparer.Ordinal);
        // With overloads, the one taking the most parameters stands for the name (the reader
        // lists it first): a call by name resolves to it whenever it resolves at all.
        _functions = functions.GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        JobIndexes = jobIndexes;
        HasAvailabilityColumn = _columns.Contains("is_available");
        Kind = hasVersionTable ? SchemaShapeKind.Installer
            : HasAvailabilityColumn || AddJob?.Takes("actor_id") == true ? SchemaShapeKind.Upstream047
            : SchemaShapeKind.Upstream016;
        Problems = FindProblems();
        MissingIndexes = FindMissingIndexes();
        UnhardenedFunctions = (unpinnedDefiners ?? []).Select(f => FunctionHardening.Advise(schema, f)).ToArray();
    }

    /// <summary>The schema inspected.</summary>
    public SchemaName Schema { get; }

    /// <summary>Which family the schema belongs to.</summary>
    public SchemaShapeKind Kind { get; }

    /// <summary>True when the jobs table exists.</summary>
    public bool HasJobsTable => _columns.Count > 0;

    /// <summary>The columns of the jobs table.</summary>
    public IReadOnlySet<string> JobColumns => _columns;

    /// <summary>
    /// True when jobs has 0.47's <c>is_available</c> (unlocked and not out of attempts): its get_job
    /// never takes an expired lock, so the worker's rescuer frees them, and the batched fetch walks
    /// the indexes on that column.
    /// </summary>
    public bool HasAvailabilityColumn { get; }

    /// <summary>The indexes of the jobs table.</summary>
    public IReadOnlyList<SchemaIndex> JobIndexes { get; }

    /// <summary>add_job as declared, or null when missing.</summary>
    public SchemaFunction? AddJob => Function("add_job");

    /// <summary>add_scheduled_job as declared, or null when missing.</summary>
    public SchemaFunction? AddScheduledJob => Function("add_scheduled_job");

    /// <summary>True when add_job asserts attribution (0.47): it takes <c>actor_id</c>.</summary>
    public bool TakesAttribution => AddJob?.Takes("actor_id") == true;

    /// <summary>
    /// True when many keyless jobs may be inserted set-wise (COPY or one INSERT): add_job takes
    /// exactly 0.16's parameters, whose keyless path is a plain insert of the values given. A newer
    /// add_job (attribution, claims, queue-name rules) is called row by row instead.
    /// </summary>
    public bool KeylessInsertMatchesAddJob => AddJob is { } addJob && !TakesAttribution
        && addJob.Parameters.Count == CalledParameters["add_job"].Length;

    /// <summary>True when <c>remove_job(job_key)</c> exists (0.47).</summary>
    public bool HasRemoveJob => Function("remove_job")?.Takes("job_key") == true;

    /// <summary>True when <c>force_unlock_workers(worker_ids)</c> exists (0.47).</summary>
    public bool HasForceUnlockWorkers => Function("force_unlock_workers")?.Takes("worker_ids") == true;

    /// <summary>Why the framework cannot serve the schema; empty when it can.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Indexes the framework relies on that the schema lacks, with the SQL to add them.</summary>
    public IReadOnlyList<SchemaAdvice> MissingIndexes { get; }

    /// <summary>
    /// SECURITY DEFINER functions that do not pin <c>search_path</c>, each with the
    /// <c>ALTER FUNCTION</c> that pins it: a caller who may run one can make it run the caller's
    /// own functions with the owner's rights. Empty on a schema of our installer from migration 4.
    /// </summary>
    public IReadOnlyList<SchemaAdvice> UnhardenedFunctions { get; }

    /// <summary>The function named <paramref name="name"/>, or null.</summary>
    public SchemaFunction? Function(string name) => _functions.GetValueOrDefault(name);

    /// <summary>A short name for the shape, for logs and <c>jobs migrate --check</c>.</summary>
    public string Describe() => Kind switch
    {
        SchemaShapeKind.Installer => HasAvailabilityColumn
            ? "installed by Jobs, with 0.47's is_available column"
            : "installed by Jobs (the 0.16 shape and its migrations)",
        SchemaShapeKind.Upstream016 => "@pgpm/database-jobs 0.16 shape",
        _ => "@pgpm/database-jobs 0.47 shape" + (TakesAttribution ? " (attribution asserted by add_job)" : ""),
    };

    /// <summary>Throws when the framework cannot serve the schema.</summary>
    /// <exception cref="UnsupportedSchemaException">The schema lacks a table, column, function or parameter the framework calls.</exception>
    public void EnsureServable()
    {
        if (Problems.Count > 0)
        {
            throw new UnsupportedSchemaException(Schema, Problems);
        }
    }

    private List<string> FindProblems()
    {
        var problems = new List<string>();
        if (!HasJobsTable)
        {
            problems.Add($"there is no table {Schema.Qualify("jobs")} (install it with `jobs migrate` or SchemaInstaller)");
            return problems;
        }
        var missingColumns = RequiredColumns.Where(c => !_columns.Contains(c)).ToArray();
        if (missingColumns.Length > 0)
        {
            problems.Add($"jobs lacks column(s) {string.Join(", ", missingColumns)}");
        }
        foreach (var (name, parameters) in CalledParameters)
        {
            if (Function(name) is not { } function)
            {
                problems.Add($"function {name} is missing");
                continue;
            }
            var missing = parameters.Where(p => !function.Takes(p)).ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"{name} has no parameter(s) named {string.Join(", ", missing)}");
            }
        }
        return problems;
    }

    private List<SchemaAdvice> FindMissingIndexes()
    {
        var advice = new List<SchemaAdvice>();
        if (!HasJobsTable)
        {
            return advice;
        }
        var table = Schema.Qualify("jobs");
        if (HasAvailabilityColumn)
        {
            if (!HasFetchIndex("is_available"))
            {
                advice.Add(new SchemaAdvice("jobs_available_priority_run_at_id_idx",
                    "get_job and the batched fetch take available jobs in (priority, run_at, id) order; 0.47's jobs_main_index "
                    + "stops at run_at, and jobs enqueued in one transaction share it, so every get_job sorts all of them by id",
                    $"CREATE INDEX CONCURRENTLY jobs_available_priority_run_at_id_idx ON {table} (priority, run_at, id) WHERE is_available = true;"));
            }
        }
        else if (!HasFetchIndex("attempts < max_attempts"))
        {
            advice.Add(new SchemaAdvice("jobs_runnable_priority_run_at_id_idx",
                "permanently failed jobs are kept for ever; without it each fetch walks past all of them",
                $"CREATE INDEX CONCURRENTLY jobs_runnable_priority_run_at_id_idx ON {table} (priority, run_at, id) WHERE attempts < max_attempts;"));
        }
        if (!JobIndexes.Any(i => i.IsValid && i.Keys.Count > 0 && i.Keys[0] == "locked_by"))
        {
            advice.Add(new SchemaAdvice("jobs_locked_by_idx",
                "release_jobs, lock renewal and the expired-lock rescuer find a worker's jobs by locked_by",
                $"CREATE INDEX CONCURRENTLY jobs_locked_by_idx ON {table} (locked_by);"));
        }
        return advice;
    }

    // An index the fetch can walk in get_job's exact order over every job that can run: keys
    // (priority, run_at, id), so LIMIT stops at once even when thousands of jobs share a run_at,
    // and exactly a predicate that leaves permanently failed jobs out (0.47's jobs_no_queue_index
    // also has is_available, but only for jobs without a queue).
    private bool HasFetchIndex(string predicate) => JobIndexes.Any(i => i.IsValid
        && i.Keys.Count >= 3 && i.Keys[0] == "priority" && i.Keys[1] == "run_at" && i.Keys[2] == "id"
        && Normalized(i.Predicate) is { } found
        && (found == Normalized(predicate) || found == Normalized(predicate + " = true")));

    private static string? Normalized(string? predicate) => predicate is null ? null
        : new string(predicate.Where(c => c is not ('(' or ')' or ' ')).ToArray());
}
