-- Resumes a named queue that pause_queue.sql paused: its lock is cleared when, and only when, the
-- sentinel $2 holds it (a worker's lock is that worker's business), and jobs:insert is notified
-- so idle workers look again at once.
-- Returns the queue with its holder before and whether it was resumed; no row: no such queue.
-- $1 queue_name text: the queue
-- $2 paused_holder text: the locked_by that marks a paused queue
WITH target AS (
  SELECT q.queue_name, q.locked_by
    FROM __SCHEMA__.job_queues q
   WHERE q.queue_name = $1
     FOR UPDATE
),
resumed AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
    FROM target t
   WHERE q.queue_name = t.queue_name AND t.locked_by = $2
  RETURNING q.queue_name
)
SELECT t.queue_name, t.locked_by AS previous_holder,
       (SELECT count(*) FROM resumed r, LATERAL pg_notify('jobs:insert', '') n) > 0 AS resumed
  FROM target t
