-- complete_jobs_batch.sql with the history installed: the same delete, whose rows are copied into
-- __HISTORY__.completed_jobs in the same statement. A record exists exactly when the completion
-- applied, and costs no extra round trip or commit. Why each job is found the way it is: see
-- complete_jobs_batch.sql.
-- $1 worker_id text: the worker that ran the jobs
-- $2 job_ids bigint[]: the jobs completed, ascending (as in complete_jobs_batch.sql)
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
WITH done AS (
  DELETE FROM __SCHEMA__.jobs j
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
     AND (j.attempts = ($3::int[])[width_bucket(j.id, $2)] OR j.locked_at = ($4::timestamptz[])[width_bucket(j.id, $2)])
  RETURNING j.id, j.database_id, j.queue_name, j.task_identifier, j.payload, j.priority, j.attempts,
            j.max_attempts, j.key, j.created_at, j.run_at
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by IS NOT DISTINCT FROM $1 AND q.queue_name IN (SELECT d.queue_name FROM done d WHERE d.queue_name IS NOT NULL)
  RETURNING q.queue_name
),
recorded AS (
  INSERT INTO __HISTORY__.completed_jobs
    (id, database_id, queue_name, task_identifier, payload, priority, attempts, max_attempts, key, created_at, run_at, worker_id)
  SELECT d.id, d.database_id, d.queue_name, d.task_identifier, d.payload, d.priority, d.attempts,
         d.max_attempts, d.key, d.created_at, d.run_at, $1
    FROM done d
)
SELECT d.id FROM done d
