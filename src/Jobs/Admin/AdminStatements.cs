using Jobs.Schema;

namespace Jobs;

/// <summary>
/// The statements of the operator views added for the <c>jobs</c> tool (counts per task and queue,
/// workers, lookup by key, stale locks). They live beside the admin rather than in
/// <c>Sql/Queries</c> because that folder and its binding tests were being reworked when they were
/// written; each is small, takes positional parameters documented in its header, and names the
/// schema through <see cref="Migration.SchemaPlaceholder"/> like every other query.
/// </summary>
internal static class AdminStatements
{
    /// <summary>
    /// Counts per state for each (task, queue) pair (NULL queue: jobs without one) and the oldest
    /// due run_at among them, within database $1 (NULL: every database), in one scan of the table:
    /// the totals, the per-task and the per-queue views are all sums of these few rows. States are
    /// derived as in list_jobs.sql; "oldest ready" as in job_statistics.sql.
    /// </summary>
    public const string CountsByTaskAndQueue = """
        -- $1 database_id uuid: the admin's database; NULL for every database
        SELECT j.task_identifier, j.queue_name,
               count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND (j.last_error IS NULL OR j.attempts = 0) AND j.run_at <= now()) AS ready,
               count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND (j.last_error IS NULL OR j.attempts = 0) AND j.run_at > now()) AS scheduled,
               count(*) FILTER (WHERE j.locked_at IS NOT NULL) AS running,
               count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.attempts > 0 AND j.last_error IS NOT NULL) AS failing,
               count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts >= j.max_attempts) AS permanently_failed,
               min(j.run_at) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now()) AS oldest_ready_run_at,
               now() AS now
          FROM __SCHEMA__.jobs j
         WHERE $1::uuid IS NULL OR j.database_id = $1::uuid
         GROUP BY j.task_identifier, j.queue_name
        """;

    /// <summary>
    /// Each worker holding jobs or named queues: the ids of the jobs it holds (within database $1;
    /// NULL: every database), its oldest and newest job lock, and the queues it holds. Scoped to a
    /// database, only workers holding that database's jobs are listed; their queues are shown
    /// whoever's job holds them, as <c>queue_statistics.sql</c> does.
    /// </summary>
    public const string Workers = """
        -- $1 database_id uuid: the admin's database; NULL for every database
        WITH held AS (
          SELECT j.locked_by AS worker_id, array_agg(j.id ORDER BY j.id) AS job_ids,
                 min(j.locked_at) AS oldest_lock, max(j.locked_at) AS newest_lock
            FROM __SCHEMA__.jobs j
           WHERE j.locked_by IS NOT NULL AND ($1::uuid IS NULL OR j.database_id = $1::uuid)
           GROUP BY j.locked_by
        ),
        queues AS (
          SELECT q.locked_by AS worker_id, array_agg(q.queue_name ORDER BY q.queue_name) AS queue_names,
                 min(q.locked_at) AS oldest_queue_lock
            FROM __SCHEMA__.job_queues q
           WHERE q.locked_by IS NOT NULL AND q.locked_by <> 'jobs:paused' -- JobsAdmin.PausedQueueHolder: no worker
           GROUP BY q.locked_by
        )
        SELECT coalesce(h.worker_id, q.worker_id) AS worker_id,
               coalesce(h.job_ids, '{}'::bigint[]) AS job_ids, h.oldest_lock, h.newest_lock,
               coalesce(q.queue_names, '{}'::text[]) AS queue_names, q.oldest_queue_lock
          FROM held h
          FULL JOIN queues q ON q.worker_id = h.worker_id
         WHERE $1::uuid IS NULL OR h.worker_id IS NOT NULL
         ORDER BY 1
        """;

    /// <summary>The job holding key $1 within database $2 (NULL: every database).</summary>
    public const string JobByKey = """
        -- $1 job_key text: the key
        -- $2 database_id uuid: the admin's database; NULL for every database
        SELECT j.*
          FROM __SCHEMA__.jobs j
         WHERE j.key = $1 AND ($2::uuid IS NULL OR j.database_id = $2::uuid)
        """;

    /// <summary>
    /// How many jobs match a filter, as list_jobs.sql filters them (task $1, queue $2, state $3,
    /// ids below $4; NULL: any), within database $5 (NULL: every database).
    /// </summary>
    public const string CountMatchingJobs = """
        -- $1 task_identifier text: only this task; NULL for any
        -- $2 queue_name text: only this named queue; NULL for any
        -- $3 state text: only this state (JobState's names); NULL for any
        -- $4 before_id bigint: only ids below this; NULL for no bound
        -- $5 database_id uuid: the admin's database; NULL for every database
        -- $6 text text: only jobs whose payload or last_error holds this, ignoring case; NULL for any
        SELECT count(*)
          FROM __SCHEMA__.jobs j
         WHERE ($1::text IS NULL OR j.task_identifier = $1)
           AND ($2::text IS NULL OR j.queue_name = $2)
           AND ($3::text IS NULL OR CASE
                 WHEN j.locked_at IS NOT NULL THEN 'running'
                 WHEN j.attempts >= j.max_attempts THEN 'permanently_failed'
                 WHEN j.attempts > 0 AND j.last_error IS NOT NULL THEN 'failing'
                 WHEN j.run_at > now() THEN 'scheduled'
                 ELSE 'ready' END = $3)
           AND ($4::bigint IS NULL OR j.id < $4)
           AND ($5::uuid IS NULL OR j.database_id = $5::uuid)
           AND ($6::text IS NULL OR strpos(lower(j.payload::text), lower($6)) > 0 OR strpos(lower(j.last_error), lower($6)) > 0)
        """;

    /// <summary>
    /// Unlocks the jobs among $1 whose lock is older than $2 (their worker stopped renewing it: it
    /// is dead or cut off), within database $3, and the named queue each one's worker holds for it.
    /// A younger lock belongs to a live worker and is left alone. As with unlock_workers.sql the
    /// attempt is not given back: the job did start.
    /// </summary>
    public const string UnlockStaleJobs = """
        -- $1 job_ids bigint[]: the jobs
        -- $2 older_than interval: a lock at least this old is stale
        -- $3 database_id uuid: the admin's database; NULL for every database
        WITH stale AS (
          SELECT j.id, j.locked_by, j.queue_name
            FROM __SCHEMA__.jobs j
           WHERE j.id = ANY ($1) AND j.locked_at IS NOT NULL AND j.locked_at <= now() - $2::interval
             AND ($3::uuid IS NULL OR j.database_id = $3::uuid)
             FOR UPDATE
        ),
        queues_unlocked AS (
          UPDATE __SCHEMA__.job_queues q
             SET locked_by = NULL, locked_at = NULL
            FROM stale s
           WHERE q.queue_name = s.queue_name AND q.locked_by = s.locked_by
          RETURNING q.queue_name
        )
        UPDATE __SCHEMA__.jobs j
           SET locked_by = NULL, locked_at = NULL
          FROM stale s
         WHERE j.id = s.id
        RETURNING j.*
        """;

    /// <summary><paramref name="statement"/> for <paramref name="schema"/>.</summary>
    public static string For(string statement, SchemaName schema) =>
        statement.Replace(Migration.SchemaPlaceholder, schema.Quoted, StringComparison.Ordinal);
}
