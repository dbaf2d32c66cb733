-- Keeps a healthy long job from looking expired: refresh the lock of the jobs this worker still
-- holds, and of their queues. Returns each job's new locked_at with the attempt it is in, so the
-- worker knows the lock time a later result of that attempt must find (see complete_jobs_batch).
-- locked_by is compared with IS NOT DISTINCT FROM, which no index serves (why: complete_jobs_batch.sql).
-- $1 worker_id text: the worker renewing
-- $2 job_ids bigint[]: the jobs it holds
WITH renewed AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_at = now()
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1
  RETURNING j.id, j.attempts, j.locked_at, j.queue_name
),
queues AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_at = now()
   WHERE q.locked_by IS NOT DISTINCT FROM $1 AND q.queue_name IN (SELECT r.queue_name FROM renewed r WHERE r.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT r.id, r.attempts, r.locked_at FROM renewed r
