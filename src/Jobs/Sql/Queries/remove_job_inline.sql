-- remove_job (0.47) as one statement, for schemas without it (0.16): the job with key $1, within
-- the admin's database $2 (NULL: every database), is deleted when unlocked or its lock is older
-- than 4 hours (remove_job's fixed expiry, not the worker's), otherwise defused: key cleared, so
-- it can be enqueued afresh, and attempts = max_attempts, so the running job is never retried.
-- The row comes back either way (a deleted one keeps its key, a defused one has none); no row
-- when no job has the key.
-- $1 job_key text: the key
-- $2 database_id uuid: the admin's database; NULL for every database
WITH target AS (
  SELECT j.id, (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours') AS removable
    FROM __SCHEMA__.jobs j
   WHERE j.key = $1 AND ($2::uuid IS NULL OR j.database_id = $2::uuid)
     FOR UPDATE
),
removed AS (
  DELETE FROM __SCHEMA__.jobs j
   USING target t
   WHERE j.id = t.id AND t.removable
  RETURNING j.*
),
defused AS (
  UPDATE __SCHEMA__.jobs j
     SET key = NULL, attempts = j.max_attempts
    FROM target t
   WHERE j.id = t.id AND NOT t.removable
  RETURNING j.*
)
SELECT * FROM removed
UNION ALL
SELECT * FROM defused
