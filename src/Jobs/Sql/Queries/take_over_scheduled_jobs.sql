-- Crash recovery, which get_scheduled_job lacks: a schedule whose claim was not renewed for the
-- claim expiry belongs to a scheduler that died; claim it for this one. SKIP LOCKED so two
-- schedulers never take the same row.
-- $1 worker_id text: the scheduler taking over
-- $2 claim_expiry_seconds float8: how old an unrenewed claim must be
-- $3 task_identifiers text[]: the tasks it serves, or NULL for every task
UPDATE __SCHEMA__.scheduled_jobs s
   SET locked_by = $1, locked_at = now()
 WHERE s.id IN (
         SELECT e.id
           FROM __SCHEMA__.scheduled_jobs e
          WHERE e.locked_at < now() - make_interval(secs => $2)
            AND ($3::text[] IS NULL OR e.task_identifier = ANY ($3::text[]))
          ORDER BY e.priority, e.id
            FOR UPDATE SKIP LOCKED)
RETURNING s.*
