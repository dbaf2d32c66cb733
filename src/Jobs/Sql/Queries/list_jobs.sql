-- Jobs for operators, newest first, filtered by task, queue and state, within the admin's
-- database $6 (NULL: every database). The state is derived from the row as the worker sees it
-- (see JobState).
-- $1 task_identifier text: only this task; NULL for any
-- $2 queue_name text: only this named queue; NULL for any
-- $3 state text: only this state (JobState's names); NULL for any
-- $4 before_id bigint: only ids below this; NULL for no bound
-- $5 max_jobs int: how many at most
-- $6 database_id uuid: the admin's database; NULL for every database
-- $7 text text: only jobs whose payload or last_error holds this, ignoring case (strpos: no LIKE
--    wildcards to escape); NULL for any
SELECT j.*
  FROM __SCHEMA__.jobs j
 WHERE ($1::text IS NULL OR j.task_identifier = $1)
   AND ($2::text IS NULL OR j.queue_name = $2)
   AND ($3::text IS NULL OR CASE
         WHEN j.locked_at IS NOT NULL THEN 'running'
         WHEN j.attempts >= j.max_attempts THEN 'permanently_failed'
         WHEN j.attempts > 0 AND j.last_error IS NOT NULL THEN 'failing'
         WHEN j.run_at > now() THEN 'scheduled'
         ELSE 'ready' END = $3)
   AND ($4::bigint IS NULL OR j.id < $4)
   AND ($6::uuid IS NULL OR j.database_id = $6::uuid)
   AND ($7::text IS NULL OR strpos(lower(j.payload::text), lower($7)) > 0 OR strpos(lower(j.last_error), lower($7)) > 0)
 ORDER BY j.id DESC
 LIMIT $5
