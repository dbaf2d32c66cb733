-- fail_job once per job, in one statement, in id order, for the jobs this worker still
-- holds in the attempt that produced each failure (its number $3 or lock time $4), as
-- complete_jobs_each.sql does; a late
-- failure never unlocks or reschedules a later attempt. fail_job is STRICT: every message is
-- non-NULL ($5). A permanent failure ($6) then goes through permanently_fail_jobs for that job alone,
-- right after fail_job has unlocked it (the admin function refuses locked jobs; a volatile
-- function sees what the calls before it in this statement changed).
-- Each job is found by its primary key alone, whatever the statistics say (complete_jobs_batch.sql).
-- $1 worker_id text: the worker reporting
-- $2 job_ids bigint[]: the jobs failed, ascending (as in complete_jobs_batch.sql)
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
-- $5 error_messages text[]: the last_error of each, never NULL (fail_job is STRICT)
-- $6 permanent bool[]: whether each failed for good
WITH held AS MATERIALIZED (
  SELECT j.id, ($5::text[])[width_bucket(j.id, $2)] AS error_message, ($6::bool[])[width_bucket(j.id, $2)] AS permanent
    FROM __SCHEMA__.jobs j
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
     AND (j.attempts = ($3::int[])[width_bucket(j.id, $2)] OR j.locked_at = ($4::timestamptz[])[width_bucket(j.id, $2)])
   ORDER BY j.id
     FOR UPDATE OF j
)
SELECT failed.id
  FROM held h
 CROSS JOIN LATERAL __SCHEMA__.fail_job(worker_id => $1, job_id => h.id, error_message => h.error_message) AS failed
  -- An empty array for the others, rather than a WHERE: a filter on the call might be applied
  -- to its result after the call had already run.
 CROSS JOIN LATERAL (
        SELECT count(*) AS stopped
          FROM __SCHEMA__.permanently_fail_jobs(
                 job_ids => CASE WHEN h.permanent THEN ARRAY[failed.id] ELSE '{}'::bigint[] END,
                 error_message => h.error_message)
       ) AS p
 ORDER BY h.id
