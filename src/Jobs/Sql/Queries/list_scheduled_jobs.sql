-- Every schedule, for operators (JobsAdmin.ListSchedulesAsync). A paused schedule is held by the
-- sentinel $2 with locked_at 'infinity' (pause_scheduled_job.sql); that locked_at comes back as
-- NULL, since it says nothing about when. schedule_info as text: it may be anything JSON holds.
-- $1 database_id uuid: the admin's database; NULL for every database
-- $2 paused_holder text: the locked_by that marks a paused schedule
SELECT s.id, s.key, s.task_identifier, s.queue_name, s.database_id, s.priority,
       s.schedule_info::text AS schedule_info, s.last_scheduled, s.last_scheduled_id,
       s.locked_by,
       CASE WHEN s.locked_at = 'infinity' THEN NULL ELSE s.locked_at END AS locked_at,
       s.locked_by IS NOT DISTINCT FROM $2 AS paused
  FROM __SCHEMA__.scheduled_jobs s
 WHERE $1::uuid IS NULL OR s.database_id = $1::uuid
 ORDER BY s.priority, s.id
