-- Batched complete_job for one worker: deletes only jobs it still holds in the attempt that
-- produced each result, then unlocks their queues. A result whose lock expired and was taken
-- again (by another worker, or by this one as a later attempt) matches nothing and is left out of
-- the ids returned. The attempt is recognised by its number ($3[i], as the fetch returned it) or,
-- when an admin changed attempts meanwhile (remove_job defusing a running job sets them to
-- max_attempts), by its lock time ($4[i], the locked_at this worker last wrote): a new fetch
-- changes both. (The queue-count trigger fires at the end of the statement.)
-- Each job is found by its primary key alone, whatever the statistics say. They are often stale
-- here: analyzed after a burst of enqueues, they say no job is locked. With `locked_by = $1` the
-- planner then walked jobs_locked_by_idx through every job the worker held, once per batch (0.5 s
-- a batch with 100,000 held: a drain of 60,000 jobs took 58 s instead of 3.5), and with a join
-- to the arrays it looped over one array per job. So locked_by is compared with IS NOT DISTINCT
-- FROM (the same test, $1 is never null), which no index serves, and there is no join: $2 is
-- sorted, and width_bucket(j.id, $2), a binary search, is the position of j.id in it.
-- $1 worker_id text: the worker that ran the jobs
-- $2 job_ids bigint[]: the jobs completed, ascending; an id may come twice (a stale attempt
--    beside the next one), and then the later position, the newer attempt, is the one checked
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
WITH done AS (
  DELETE FROM __SCHEMA__.jobs j
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
     AND (j.attempts = ($3::int[])[width_bucket(j.id, $2)] OR j.locked_at = ($4::timestamptz[])[width_bucket(j.id, $2)])
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by IS NOT DISTINCT FROM $1 AND q.queue_name IN (SELECT d.queue_name FROM done d WHERE d.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT d.id FROM done d
