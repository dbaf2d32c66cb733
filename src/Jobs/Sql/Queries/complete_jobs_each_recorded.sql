-- complete_jobs_each.sql with the history installed: each job complete_job deletes (it returns the
-- row) is copied into __HISTORY__.completed_jobs in the same statement, so a record exists exactly
-- when the completion applied. Why the held jobs are found and locked first: complete_jobs_each.sql.
-- $1 worker_id text: the worker reporting
-- $2 job_ids bigint[]: the jobs completed, ascending (as in complete_jobs_batch.sql)
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
WITH held AS MATERIALIZED (
  SELECT j.id
    FROM __SCHEMA__.jobs j
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
     AND (j.attempts = ($3::int[])[width_bucket(j.id, $2)] OR j.locked_at = ($4::timestamptz[])[width_bucket(j.id, $2)])
   ORDER BY j.id
     FOR UPDATE OF j
),
done AS MATERIALIZED (
  SELECT done.*
    FROM held h
   CROSS JOIN LATERAL __SCHEMA__.complete_job(worker_id => $1, job_id => h.id) AS done
   ORDER BY h.id
),
recorded AS (
  INSERT INTO __HISTORY__.completed_jobs
    (id, database_id, queue_name, task_identifier, payload, priority, attempts, max_attempts, key, created_at, run_at, worker_id)
  SELECT d.id, d.database_id, d.queue_name, d.task_identifier, d.payload, d.priority, d.attempts,
         d.max_attempts, d.key, d.created_at, d.run_at, $1
    FROM done d
   WHERE d.id IS NOT NULL
)
SELECT d.id FROM done d ORDER BY d.id
