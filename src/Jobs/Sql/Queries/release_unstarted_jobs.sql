-- release_jobs for some of a worker's jobs: those it fetched ahead and never started ($2, each
-- in the attempt $3 the fetch gave it). They are unlocked with their attempt given back, and so
-- are their named queues (a queue holds one job at a time, so a buffered job's queue is held for
-- that job alone).
-- Each job is found by its primary key alone, whatever the statistics say (complete_jobs_batch.sql).
-- $1 worker_id text: the worker giving them back
-- $2 job_ids bigint[]: the jobs it fetched and never started, ascending
-- $3 attempts int[]: the attempt of each, as the fetch returned it
WITH released AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_by = NULL, locked_at = NULL, attempts = greatest(j.attempts - 1, 0)
   WHERE j.id = ANY ($2) AND j.locked_by IS NOT DISTINCT FROM $1 AND j.attempts = ($3::int[])[width_bucket(j.id, $2)]
  RETURNING j.queue_name
)
UPDATE __SCHEMA__.job_queues q
   SET locked_by = NULL, locked_at = NULL
 WHERE q.locked_by IS NOT DISTINCT FROM $1 AND q.queue_name IN (SELECT r.queue_name FROM released r WHERE r.queue_name IS NOT NULL)
