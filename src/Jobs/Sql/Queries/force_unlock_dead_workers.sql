-- Rescuer, first step where the schema has 0.47's force_unlock_workers: hands it the workers all
-- of whose job locks are older than $1 seconds (dead: a live worker renews every lock it holds
-- every expiry/4), so whatever that function does for a dead worker is done. A worker with one
-- fresh lock is alive and not named; rescue_expired_locks.sql then frees any expired lock left.
-- $1 job_expiry_seconds float8: a worker whose every lock is older than this is dead
SELECT __SCHEMA__.force_unlock_workers(worker_ids => dead.ids)
  FROM (SELECT array_agg(w.locked_by) AS ids
          FROM (SELECT j.locked_by
                  FROM __SCHEMA__.jobs j
                 WHERE j.locked_by IS NOT NULL
                 GROUP BY j.locked_by
                HAVING max(j.locked_at) < now() - make_interval(secs => $1)) w) dead
 WHERE dead.ids IS NOT NULL
