-- The records of job $1 in the history, newest first (an id comes back after a jobs table was
-- emptied with RESTART IDENTITY), within the admin's database $2 (NULL: every database).
-- $1 id bigint: the job's id
-- $2 database_id uuid: the admin's database; NULL for every database
SELECT c.id, c.database_id, c.queue_name, c.task_identifier, c.payload, c.priority, c.attempts,
       c.max_attempts, c.key, c.created_at, c.run_at, c.completed_at, c.worker_id
  FROM __HISTORY__.completed_jobs c
 WHERE c.id = $1
   AND ($2::uuid IS NULL OR c.database_id = $2)
 ORDER BY c.completed_at DESC
