-- The batched fetch on a schema with 0.47's is_available column (unlocked and not out of
-- attempts), with 0.47's get_job rules: only available jobs, so an expired job lock is never
-- taken here (the worker's rescuer frees those), while a named queue's lock still expires after $4
-- seconds. Written as `is_available = true` so it walks jobs_main_index, the index 0.47
-- creates for get_job. Otherwise as fetch_jobs.sql: up to $3 jobs in (priority, run_at, id)
-- order, at most one per named queue, locked with their queues.
-- $1 worker_id text: the worker locking the jobs
-- $2 task_identifiers text[]: the tasks it fetches; NULL for every task
-- $3 max_jobs int: how many candidates to lock
-- $4 job_expiry_seconds float8: a queue lock older than this counts as free
WITH candidates AS MATERIALIZED (
  SELECT j.id, j.queue_name, j.priority, j.run_at
    FROM __SCHEMA__.jobs j
   WHERE j.is_available = true
     AND j.run_at <= now()
     AND ($2::text[] IS NULL OR j.task_identifier = ANY ($2))
     AND (j.queue_name IS NULL OR EXISTS (
           SELECT 1 FROM __SCHEMA__.job_queues q
            WHERE q.queue_name = j.queue_name
              AND (q.locked_at IS NULL OR q.locked_at < now() - make_interval(secs => $4))))
   ORDER BY j.priority, j.run_at, j.id
   LIMIT $3
     FOR UPDATE OF j SKIP LOCKED
),
free_queues AS MATERIALIZED (
  -- Row locks on the queues settle races between fetchers; the WHERE is re-checked on the
  -- newest row version, so a queue locked since our snapshot is left out.
  SELECT q.queue_name
    FROM __SCHEMA__.job_queues q
   WHERE q.queue_name IN (SELECT c.queue_name FROM candidates c WHERE c.queue_name IS NOT NULL)
     AND (q.locked_at IS NULL OR q.locked_at < now() - make_interval(secs => $4))
     FOR UPDATE SKIP LOCKED
),
chosen AS MATERIALIZED (
  SELECT ranked.id, ranked.queue_name
    FROM (SELECT c.*, row_number() OVER (PARTITION BY c.queue_name ORDER BY c.priority, c.run_at, c.id) AS place
            FROM candidates c
           WHERE c.queue_name IS NULL OR c.queue_name IN (SELECT f.queue_name FROM free_queues f)) ranked
   WHERE ranked.queue_name IS NULL OR ranked.place = 1
   ORDER BY ranked.priority, ranked.run_at, ranked.id
   LIMIT $3
),
locked_queues AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = $1, locked_at = now()
    FROM chosen
   WHERE q.queue_name = chosen.queue_name
  RETURNING q.queue_name
)
UPDATE __SCHEMA__.jobs j
   SET attempts = j.attempts + 1, locked_by = $1, locked_at = now()
  FROM chosen
 WHERE j.id = chosen.id
RETURNING j.*
