-- Takes one job for worker $1 now, whatever its run_at (JobsWorker.WorkAsync): as the fetch takes
-- jobs, but this id only. The job must be of a task the worker handles ($4), free (unlocked, or its
-- lock older than the expiry $3) with attempts left, and its named queue free likewise; then both
-- are locked and the attempt counted, and the row is returned. Nothing is returned when it cannot
-- run now.
-- $1 worker_id text: the worker taking it
-- $2 job_id bigint: the job
-- $3 job_expiry_seconds float8: a lock older than this is abandoned
-- $4 task_identifiers text[]: the tasks the worker handles
WITH job AS MATERIALIZED (
  SELECT j.id, j.queue_name
    FROM __SCHEMA__.jobs j
   WHERE j.id = $2
     AND j.task_identifier = ANY ($4)
     AND (j.locked_at IS NULL OR j.locked_at < now() - make_interval(secs => $3))
     AND j.attempts < j.max_attempts
     FOR UPDATE OF j
),
free_queue AS MATERIALIZED (
  SELECT q.queue_name
    FROM __SCHEMA__.job_queues q
   WHERE q.queue_name = (SELECT job.queue_name FROM job)
     AND (q.locked_at IS NULL OR q.locked_at < now() - make_interval(secs => $3))
     FOR UPDATE
),
locked_queue AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = $1, locked_at = now()
    FROM free_queue f
   WHERE q.queue_name = f.queue_name
  RETURNING q.queue_name
)
UPDATE __SCHEMA__.jobs j
   SET attempts = j.attempts + 1, locked_by = $1, locked_at = now()
  FROM job
 WHERE j.id = job.id
   AND (job.queue_name IS NULL OR EXISTS (SELECT 1 FROM free_queue))
RETURNING j.*
