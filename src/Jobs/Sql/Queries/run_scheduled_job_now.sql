-- Fires one schedule now, for an operator, through the schema's own run_scheduled_job (it raises
-- ALREADY_SCHEDULED while the previous job waits or runs), whoever holds the schedule, paused or
-- not. The row is locked first so this and a scheduler's occurrence (run_scheduled_job.sql) take
-- turns. No row: no such schedule; a row whose job id is NULL: the schema created no job.
-- $1 id bigint: the schedule, or NULL to select it by key
-- $2 key text: the schedule's key, or NULL to select it by id
-- $3 database_id uuid: the admin's database; NULL for every database
-- $4 job_expiry_seconds float8: a previous job locked longer than this no longer blocks
WITH target AS (
  SELECT s.id
    FROM __SCHEMA__.scheduled_jobs s
   WHERE (s.id = $1 OR s.key = $2)
     AND ($3::uuid IS NULL OR s.database_id = $3::uuid)
     FOR UPDATE
)
SELECT t.id AS schedule_id, j.*
  FROM target t
  LEFT JOIN LATERAL __SCHEMA__.run_scheduled_job(id => t.id, job_expiry => make_interval(secs => $4)) j ON true
