-- True when the keyed schedule already holds exactly this registration, so a restart does not
-- rewrite it (and does not take it from the scheduler that holds it). The attribution is read
-- through to_jsonb so the same text works on 0.16's table, which has no such columns; a value
-- not given ($9-$13 NULL) is left to the claims and not compared.
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
