-- Frees everything dead workers held. Unlike release_jobs the attempt is not given back: the
-- job did start, and a job that kills its worker must still run out of attempts.
-- $1 worker_ids text[]: the dead workers
WITH jobs_unlocked AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_by = NULL, locked_at = NULL
   WHERE j.locked_by = ANY ($1)
  RETURNING j.id
),
queues_unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by = ANY ($1)
  RETURNING q.queue_name
)
SELECT count(*)::int FROM jobs_unlocked
