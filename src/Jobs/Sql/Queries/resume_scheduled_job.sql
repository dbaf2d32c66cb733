-- Resumes a paused schedule (pause_scheduled_job.sql): clears the sentinel's claim, so a scheduler
-- claims it as a new schedule, and notifies scheduled_jobs:insert so running schedulers claim it
-- at once rather than at their next poll. A schedule not paused is left as it is.
-- Returns the schedule with its holder before and whether it was resumed.
-- $1 id bigint: the schedule, or NULL to select it by key
-- $2 key text: the schedule's key, or NULL to select it by id
-- $3 database_id uuid: the admin's database; NULL for every database
-- $4 paused_holder text: the locked_by that marks a paused schedule
WITH target AS (
  SELECT s.id, s.key, s.task_identifier, s.locked_by
    FROM __SCHEMA__.scheduled_jobs s
   WHERE (s.id = $1 OR s.key = $2)
     AND ($3::uuid IS NULL OR s.database_id = $3::uuid)
     FOR UPDATE
),
resumed AS (
  UPDATE __SCHEMA__.scheduled_jobs s
     SET locked_by = NULL, locked_at = NULL
    FROM target t
   WHERE s.id = t.id AND t.locked_by = $4
  RETURNING s.id
)
SELECT t.id, t.key, t.task_identifier, t.locked_by AS previous_holder,
       (SELECT count(*) FROM resumed r, LATERAL pg_notify('scheduled_jobs:insert', '') n) > 0 AS resumed
  FROM target t
