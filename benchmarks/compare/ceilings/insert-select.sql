-- Ceiling for bulk enqueue: 10,000 keyless no-op jobs per INSERT … SELECT, through the same
-- triggers (timestamps, queue count, NOTIFY) that every enqueue path fires.
-- run.sh: pgbench -n -M prepared -c 1 -t <max(3, jobs / 10,000)>; jobs/s = tps × 10,000.
INSERT INTO app_jobs.jobs (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority)
SELECT '00000000-0000-0000-0000-00000000c0de', 'noop', '{"to":"ada@example.com","subject":"hello"}', NULL, now(), 25, 0
FROM generate_series(1, 10000);
