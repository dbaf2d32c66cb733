-- Completed jobs for operators, newest first, filtered by task and queue, within the admin's
-- database $3 (NULL: every database). Paged by (completed_at, id) below the last row shown.
-- $1 task_identifier text: only this task; NULL for any
-- $2 queue_name text: only this queue; NULL for any
-- $3 database_id uuid: the admin's database; NULL for every database
-- $4 before_completed_at timestamptz: only records completed before this (or at it, with a lower id); NULL for no bound
-- $5 before_id bigint: the id of the last record shown, with $4
-- $6 max_jobs int: how many at most
SELECT c.id, c.database_id, c.queue_name, c.task_identifier, c.payload, c.priority, c.attempts,
       c.max_attempts, c.key, c.created_at, c.run_at, c.completed_at, c.worker_id
  FROM __HISTORY__.completed_jobs c
 WHERE ($1::text IS NULL OR c.task_identifier = $1)
   AND ($2::text IS NULL OR c.queue_name = $2)
   AND ($3::uuid IS NULL OR c.database_id = $3)
   AND ($4::timestamptz IS NULL OR (c.completed_at, c.id) < ($4, $5::bigint))
 ORDER BY c.completed_at DESC, c.id DESC
 LIMIT $6
