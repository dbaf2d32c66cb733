-- Batched fail_job for one worker, with fail_job's backoff: run_at moves to
-- greatest(now(), run_at) + exp(least(attempts, 10)) seconds. A permanent failure also sets
-- attempts to max_attempts, so the job is kept for inspection but never fetched again.
-- Like complete_jobs_batch.sql, a failure applies only to the attempt that produced it (its
-- number $3 or its lock time $4), while this worker still holds it: a late failure never unlocks
-- or reschedules a later attempt.
-- $1 worker_id text: the worker that ran the jobs
-- $2 job_ids bigint[]: the jobs failed
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
-- $5 error_messages text[]: each failure's message
-- $6 permanent bool[]: whether each must never run again
WITH failed AS (
  UPDATE __SCHEMA__.jobs j
     SET last_error = f.error_message,
         run_at = greatest(now(), j.run_at) + (exp(least(j.attempts, 10))::text || ' seconds')::interval,
         attempts = CASE WHEN f.permanent THEN j.max_attempts ELSE j.attempts END,
         locked_by = NULL,
         locked_at = NULL
    FROM unnest($2::bigint[], $3::int[], $4::timestamptz[], $5::text[], $6::bool[]) AS f(id, attempt, locked_at, error_message, permanent)
   WHERE j.id = ANY ($2) AND j.id = f.id AND j.locked_by = $1 AND (j.attempts = f.attempt OR j.locked_at = f.locked_at)
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by = $1 AND q.queue_name IN (SELECT x.queue_name FROM failed x WHERE x.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT x.id FROM failed x
