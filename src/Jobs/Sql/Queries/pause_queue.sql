-- Pauses a named queue without a column of its own, so every schema shape can (none has a paused
-- flag): the sentinel holder $2 holds the queue's lock with locked_at 'infinity'.
--   * get_job (ours, pgpm 0.16 and 0.47 alike) and fetch_jobs.sql take a queue's job only while
--     the queue is unlocked or its lock is older than the job expiry, and 'infinity' never is;
--   * a worker running one of its jobs now finishes it, but complete_job, fail_job, release_jobs
--     and our batched statements unlock only a queue their own worker holds: the sentinel stays;
--   * rescue_expired_locks.sql and `jobs unlock` free only locks older than an age.
-- A queue without jobs has no row (the count trigger deletes it at zero): one is made at count 0,
-- and the count trigger keeps it, and the pause, when jobs come. Deleting the last job of a paused
-- queue deletes its row, which ends the pause.
-- Returns the queue with its holder before (NULL: free; $2: paused already).
-- $1 queue_name text: the queue
-- $2 paused_holder text: the locked_by that marks a paused queue
-- The row is locked and read first (previous, which both changes join), so previous_holder is
-- what was there before this statement.
WITH previous AS MATERIALIZED (
  SELECT q.queue_name, q.locked_by
    FROM __SCHEMA__.job_queues q
   WHERE q.queue_name = $1
     FOR UPDATE
),
paused AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = $2, locked_at = 'infinity'
    FROM previous p
   WHERE q.queue_name = p.queue_name
  RETURNING q.queue_name
),
created AS (
  INSERT INTO __SCHEMA__.job_queues AS q (queue_name, job_count, locked_by, locked_at)
  SELECT $1, 0, $2, 'infinity'
   WHERE NOT EXISTS (SELECT 1 FROM previous)
  -- a job of the queue enqueued meanwhile made the row: pause it all the same
  ON CONFLICT (queue_name) DO UPDATE SET locked_by = excluded.locked_by, locked_at = excluded.locked_at
  RETURNING q.queue_name
)
SELECT coalesce((SELECT p.queue_name FROM paused p), (SELECT c.queue_name FROM created c)) AS queue_name,
       (SELECT p.locked_by FROM previous p) AS previous_holder
