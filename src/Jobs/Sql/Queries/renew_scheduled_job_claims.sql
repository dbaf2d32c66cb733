-- The scheduler's heartbeat: refresh locked_at of the schedules it still holds. A schedule not
-- returned was deleted, replaced or taken over; the returned rows also carry edits made in place.
-- locked_by is compared with IS NOT DISTINCT FROM, which no index serves (why: complete_jobs_batch.sql).
-- $1 worker_id text: the scheduler renewing
-- $2 ids bigint[]: the schedules it holds
UPDATE __SCHEMA__.scheduled_jobs s
   SET locked_at = now()
 WHERE s.id = ANY ($2) AND s.locked_by IS NOT DISTINCT FROM $1
RETURNING s.*
