-- Keeps a healthy long job from looking expired: refresh the lock of the jobs this worker still
-- runs, and of their queues.
-- $1 worker_id text: the worker renewing
-- $2 job_ids bigint[]: the jobs it holds
WITH renewed AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_at = now()
   WHERE j.id = ANY ($2) AND j.locked_by = $1
  RETURNING j.queue_name
)
UPDATE __SCHEMA__.job_queues q
   SET locked_at = now()
 WHERE q.locked_by = $1 AND q.queue_name IN (SELECT r.queue_name FROM renewed r WHERE r.queue_name IS NOT NULL)
