-- Batched complete_job for one worker: deletes only jobs it still holds, then unlocks their
-- queues. (The queue-count trigger fires at the end of the statement.)
WITH done AS (
  DELETE FROM __SCHEMA__.jobs j
   WHERE j.id = ANY ($2) AND j.locked_by = $1
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by = $1 AND q.queue_name IN (SELECT d.queue_name FROM done d WHERE d.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT d.id FROM done d
