-- Jobs for operators, newest first, filtered by task, queue and state, within the admin's
-- database $6 (NULL: every database). The state is derived from the row as the worker sees it
-- (see JobState).
SELECT j.*
  FROM __SCHEMA__.jobs j
 WHERE ($1::text IS NULL OR j.task_identifier = $1)
   AND ($2::text IS NULL OR j.queue_name = $2)
   AND ($3::text IS NULL OR CASE
         WHEN j.locked_at IS NOT NULL THEN 'running'
         WHEN j.attempts >= j.max_attempts THEN 'permanently_failed'
         WHEN j.last_error IS NOT NULL THEN 'failing'
         WHEN j.run_at > now() THEN 'scheduled'
         ELSE 'ready' END = $3)
   AND ($4::bigint IS NULL OR j.id < $4)
   AND ($6::uuid IS NULL OR j.database_id = $6::uuid)
 ORDER BY j.id DESC
 LIMIT $5
