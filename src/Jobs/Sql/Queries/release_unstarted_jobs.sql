-- release_jobs for some of a worker's jobs: those it fetched ahead and never started ($2, each
-- in the attempt $3 the fetch gave it). They are unlocked with their attempt given back, and so
-- are their named queues (a queue holds one job at a time, so a buffered job's queue is held for
-- that job alone).
-- $1 worker_id text: the worker giving them back
-- $2 job_ids bigint[]: the jobs it fetched and never started
-- $3 attempts int[]: the attempt of each, as the fetch returned it
WITH released AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_by = NULL, locked_at = NULL, attempts = greatest(j.attempts - 1, 0)
    FROM unnest($2::bigint[], $3::int[]) AS r(id, attempt)
   WHERE j.id = ANY ($2) AND j.id = r.id AND j.attempts = r.attempt AND j.locked_by = $1
  RETURNING j.queue_name
)
UPDATE __SCHEMA__.job_queues q
   SET locked_by = NULL, locked_at = NULL
 WHERE q.locked_by = $1 AND q.queue_name IN (SELECT r.queue_name FROM released r WHERE r.queue_name IS NOT NULL)
