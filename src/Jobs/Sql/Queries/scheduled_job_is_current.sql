-- True when the keyed schedule already holds exactly this registration, so a restart does not
-- rewrite it (and does not take it from the scheduler that holds it). The attribution is read
-- through to_jsonb so the same text works on 0.16's table, which has no such columns; a value
-- not given ($9-$13 NULL) is left to the claims and not compared. $1-$8 are numbered as in
-- add_scheduled_job.sql (one binding, ScheduledJobValues).
-- $1 key text: the schedule's key
-- $2 database_id uuid: the database (tenant) it belongs to
-- $3 task_identifier text: the task
-- $4 payload text: the payload, JSON text
-- $5 schedule_info text: the schedule, JSON text
-- $6 queue_name text: the named queue, or NULL for none
-- $7 priority int: lower runs first
-- $8 max_attempts int: the attempts each job gets
-- $9 actor_id uuid: or NULL, not compared
-- $10 principal_id uuid: or NULL, not compared
-- $11 entity_id uuid: or NULL, not compared
-- $12 entity_type text: or NULL, not compared
-- $13 organization_id uuid: or NULL, not compared
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
     AND s.max_attempts = $8
     AND ($9::uuid IS NULL OR to_jsonb(s) ->> 'actor_id' = $9::text)
     AND ($10::uuid IS NULL OR to_jsonb(s) ->> 'principal_id' = $10::text)
     AND ($11::uuid IS NULL OR to_jsonb(s) ->> 'entity_id' = $11::text)
     AND ($12::text IS NULL OR to_jsonb(s) ->> 'entity_type' = $12)
     AND ($13::uuid IS NULL OR to_jsonb(s) ->> 'organization_id' = $13::text))
