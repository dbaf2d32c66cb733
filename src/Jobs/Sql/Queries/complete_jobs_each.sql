-- complete_job once per job, in one statement (one round trip, one commit), in id order,
-- for the jobs this worker still holds in the attempt that produced each result (its number $3,
-- or its lock time $4 where an admin changed attempts: see complete_jobs_batch.sql). complete_job itself deletes whatever id it is given on 0.16 (0.47 checks
-- the worker, not the attempt), so a result whose lock expired and was taken again would delete
-- the later attempt's job: held locks each matching row first (a row locked by another fetch is
-- waited for and re-checked), and only those reach complete_job. Ids left out were stale.
-- Each job is found by its primary key alone, whatever the statistics say (complete_jobs_batch.sql).
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
)
SELECT done.id
  FROM held h
 CROSS JOIN LATERAL __SCHEMA__.complete_job(worker_id => $1, job_id => h.id) AS done
 ORDER BY h.id
