-- Before add_scheduled_job rewrites a keyed schedule: add_scheduled_job deletes a claimed row and
-- inserts one without the key, which would leave the next registration nothing to find. Unclaimed,
-- it is updated in place (same id, key kept); its former holder notices at its next heartbeat.
-- Returns the former holder, so a paused schedule (pause_scheduled_job.sql) is paused again in
-- the same transaction once rewritten.
-- $1 key text: the schedule's key
WITH held AS (
  SELECT s.id, s.locked_by
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.key = $1 AND s.locked_by IS NOT NULL
     FOR UPDATE
)
UPDATE __SCHEMA__.scheduled_jobs s
   SET locked_by = NULL, locked_at = NULL
  FROM held h
 WHERE s.id = h.id
RETURNING h.locked_by AS previous_holder
