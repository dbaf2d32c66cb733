-- Deletes the oldest completed jobs past the history's retention, at most $1 of them, and returns
-- how many went. Workers run it a batch at a time and again at once while batches come back full:
-- a long delete would hold its locks and its WAL for one commit. SKIP LOCKED lets several workers
-- prune side by side without waiting on each other.
-- $1 max_rows int: how many records at most
WITH doomed AS (
  SELECT c.ctid
    FROM __HISTORY__.completed_jobs c
   WHERE c.completed_at < now() - (SELECT s.retention FROM __HISTORY__.settings s)
   ORDER BY c.completed_at
   LIMIT $1
     FOR UPDATE SKIP LOCKED
),
pruned AS (
  DELETE FROM __HISTORY__.completed_jobs c
   WHERE c.ctid = ANY (ARRAY(SELECT d.ctid FROM doomed d))
  RETURNING 1
)
SELECT count(*)::int FROM pruned
