-- The scheduler's heartbeat: refresh locked_at of the schedules it still holds. A schedule not
-- returned was deleted, replaced or taken over; the returned rows also carry edits made in place.
-- $1 worker_id text: the scheduler renewing
-- $2 ids bigint[]: the schedules it holds
UPDATE __SCHEMA__.scheduled_jobs s
   SET locked_at = now()
 WHERE s.id = ANY ($2) AND s.locked_by = $1
RETURNING s.*
