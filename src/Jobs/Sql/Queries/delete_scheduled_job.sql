-- Deletes one schedule. A scheduler holding it finds it gone at its next heartbeat or occurrence;
-- jobs it already created are left alone.
-- $1 id bigint: the schedule, or NULL to select it by key
-- $2 key text: the schedule's key, or NULL to select it by id
-- $3 database_id uuid: the admin's database; NULL for every database
DELETE FROM __SCHEMA__.scheduled_jobs s
 WHERE (s.id = $1 OR s.key = $2)
   AND ($3::uuid IS NULL OR s.database_id = $3::uuid)
RETURNING s.id, s.key, s.task_identifier, s.locked_by AS previous_holder
