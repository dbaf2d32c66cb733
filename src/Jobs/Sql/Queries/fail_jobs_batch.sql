-- Batched fail_job for one worker, with fail_job's backoff: run_at moves to
-- greatest(now(), run_at) + exp(least(attempts, 10)) seconds. A permanent failure also sets
-- attempts to max_attempts, so the job is kept for inspection but never fetched again.
-- Like complete_jobs_batch.sql, a failure applies only to the attempt that produced it (its
-- number $3 or its lock time $4), while this worker still holds it: a late failure never unlocks
-- or reschedules a later attempt.
-- Each job is found by its primary key alone, whatever the statistics say (complete_jobs_batch.sql).
-- $1 worker_id text: the worker that ran the jobs
-- $2 job_ids bigint[]: the jobs failed, ascending (as in complete_jobs_batch.sql)
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
-- $5 error_messages text[]: each failure's message
-- $6 permanent bool[]: whether each must never run again
WITH failed AS (
  UPDATE __SCHEMA__.jobs j
     SET last_error = ($5::text[])[width_bucket(j.id, $2)],
         run_at = greatest(now(), j.run_at) + (exp(least(j.attempts, 10))::text || ' seconds')::interval,
         attempts = CASE WHEN ($6::bool[])[width_bucket(j.id, $2)] THEN j.max_attempts ELSE j.attempts END,
         locked_by = NULL,
         locked_at = NULL
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
     AND (j.attempts = ($3::int[])[width_bucket(j.id, $2)] OR j.locked_at = ($4::timestamptz[])[width_bucket(j.id, $2)])
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by IS NOT DISTINCT FROM $1 AND q.queue_name IN (SELECT x.queue_name FROM failed x WHERE x.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT x.id FROM failed x
