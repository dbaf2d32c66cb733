-- Ceiling for a batched worker: what PostgreSQL itself can do per job when a client locks 100 due
-- jobs with SKIP LOCKED (as a worker's fetch does), marks them locked, and deletes them (as
-- completion does), all in ONE transaction: one commit per 100 jobs, no round trip to run them.
-- A real worker commits at least twice (lock, then complete), so it cannot reach this.
-- run.sh: pgbench -n -M prepared -c 4 -j 2 -t <jobs / 400> on a table pre-filled with more jobs
-- than that takes; jobs/s = tps × rows deleted / transactions.
BEGIN;
WITH j AS (
  SELECT id FROM app_jobs.jobs
  WHERE locked_at IS NULL AND run_at <= now()
  ORDER BY priority, run_at, id
  LIMIT 100
  FOR UPDATE SKIP LOCKED
)
UPDATE app_jobs.jobs SET locked_at = now(), locked_by = 'ceiling' || :client_id, attempts = attempts + 1
FROM j WHERE jobs.id = j.id;
DELETE FROM app_jobs.jobs WHERE locked_by = 'ceiling' || :client_id;
COMMIT;
