-- Before add_scheduled_job rewrites a keyed schedule: add_scheduled_job deletes a claimed row and
-- inserts one without the key, which would leave the next registration nothing to find. Unclaimed,
-- it is updated in place (same id, key kept); its former holder notices at its next heartbeat.
-- $1 key text: the schedule's key
UPDATE __SCHEMA__.scheduled_jobs
   SET locked_by = NULL, locked_at = NULL
 WHERE key = $1 AND locked_by IS NOT NULL
