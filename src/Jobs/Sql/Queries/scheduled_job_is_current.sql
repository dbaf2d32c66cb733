-- True when the keyed schedule already holds exactly this registration, so a restart does not
-- rewrite it (and does not take it from the scheduler that holds it).
SELECT EXISTS (
  SELECT 1
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.key = $1
     AND s.database_id = $2
     AND s.task_identifier = $3
     AND s.payload::jsonb = $4::text::jsonb
     AND s.schedule_info::jsonb = $5::text::jsonb
     AND s.queue_name IS NOT DISTINCT FROM $6
     AND s.priority = $7
     AND s.max_attempts = $8)
