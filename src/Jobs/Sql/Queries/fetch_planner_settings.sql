-- Sent ahead of a fetch in the same transaction (settings local to it). A fetch wants the jobs at
-- the head of (priority, run_at, id): an index walk that stops after the batch. Right after a
-- bulk enqueue, before autovacuum has analyzed the table, the planner instead chose to read and
-- sort all of it: a million-row table drained at 176 jobs/s for its first 10 seconds. With
-- sequential and bitmap scans off it walks the index whatever the statistics say. JIT is off as
-- in jit_off.sql.
SELECT set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)
