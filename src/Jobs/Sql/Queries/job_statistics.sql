-- Counts per state (see list_jobs.sql for the same derivation) and the oldest ready job's age,
-- within the admin's database $1 (NULL: every database).
-- $1 database_id uuid: the admin's database; NULL for every database
SELECT count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND (j.last_error IS NULL OR j.attempts = 0) AND j.run_at <= now()) AS ready,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND (j.last_error IS NULL OR j.attempts = 0) AND j.run_at > now()) AS scheduled,
       count(*) FILTER (WHERE j.locked_at IS NOT NULL) AS running,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.attempts > 0 AND j.last_error IS NOT NULL) AS failing,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts >= j.max_attempts) AS permanently_failed,
       min(j.run_at) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now()) AS oldest_ready_run_at
  FROM __SCHEMA__.jobs j
 WHERE $1::uuid IS NULL OR j.database_id = $1::uuid
