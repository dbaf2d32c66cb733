-- Batched complete_job for one worker: deletes only jobs it still holds in the attempt that
-- produced each result, then unlocks their queues. A result whose lock expired and was taken
-- again (by another worker, or by this one as a later attempt) matches nothing and is left out of
-- the ids returned. The attempt is recognised by its number ($3[i], as the fetch returned it) or,
-- when an admin changed attempts meanwhile (remove_job defusing a running job sets them to
-- max_attempts), by its lock time ($4[i], the locked_at this worker last wrote): a new fetch
-- changes both. (The queue-count trigger fires at the end of the statement.) id = ANY keeps the
-- walk on the primary key; the join adds the attempt.
-- $1 worker_id text: the worker that ran the jobs
-- $2 job_ids bigint[]: the jobs completed
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
WITH done AS (
  DELETE FROM __SCHEMA__.jobs j
   USING unnest($2::bigint[], $3::int[], $4::timestamptz[]) AS r(id, attempt, locked_at)
   WHERE j.id = ANY ($2) AND j.id = r.id AND j.locked_by = $1 AND (j.attempts = r.attempt OR j.locked_at = r.locked_at)
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by = $1 AND q.queue_name IN (SELECT d.queue_name FROM done d WHERE d.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT d.id FROM done d
