-- Pauses one schedule without a column of its own, so every schema shape can (0.16 and 0.47 have
-- no paused flag): the sentinel holder $4 claims it with locked_at 'infinity'.
--   * get_scheduled_job claims only rows whose locked_at is NULL;
--   * take_over_scheduled_jobs.sql only claims older than the claim expiry, and 'infinity' is
--     never older than anything;
--   * a scheduler that held it loses it: renew_scheduled_job_claims.sql and run_scheduled_job.sql
--     both require locked_by to be that scheduler, so it is forgotten at its next heartbeat or
--     occurrence, whichever comes first, and never fired;
--   * release_scheduled_jobs frees only its caller's rows, never the sentinel's.
-- Returns the schedule with its holder before (NULL: unclaimed; $4: it was paused already).
-- $1 id bigint: the schedule, or NULL to select it by key
-- $2 key text: the schedule's key, or NULL to select it by id
-- $3 database_id uuid: the admin's database; NULL for every database
-- $4 paused_holder text: the locked_by that marks a paused schedule
WITH target AS (
  SELECT s.id, s.locked_by
    FROM __SCHEMA__.scheduled_jobs s
   WHERE (s.id = $1 OR s.key = $2)
     AND ($3::uuid IS NULL OR s.database_id = $3::uuid)
     FOR UPDATE
)
UPDATE __SCHEMA__.scheduled_jobs s
   SET locked_by = $4, locked_at = 'infinity'
  FROM target t
 WHERE s.id = t.id
RETURNING s.id, s.key, s.task_identifier, t.locked_by AS previous_holder
