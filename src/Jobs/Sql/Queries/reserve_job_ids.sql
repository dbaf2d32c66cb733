-- Keyless bulk enqueue, step 1 of 3 (then copy_jobs, summarize_copied_jobs), in one transaction:
-- as many ids as jobs ($1) from the jobs id sequence, in the order they are drawn, so the i-th
-- job gets the i-th id and ids rise in input order as they would with add_job called row by row.
-- Also the transaction's now(), which add_job would store as run_at when none is given.
-- The sequence is looked up once (MATERIALIZED): evaluated per row, the lookup and its cast to
-- regclass cost several times the nextval calls themselves.
-- $1 count int: how many ids
WITH s AS MATERIALIZED (
  SELECT pg_get_serial_sequence('__SCHEMA__.jobs', 'id')::regclass AS seq
)
SELECT array_agg(nextval(s.seq)) AS ids, now() AS now
  FROM s, generate_series(1, $1)
