-- Keyless bulk enqueue, step 3 of 3, when summarize_copied_jobs.sql finds the filled-in values
-- differ from row to row: the columns of each copied row that the database filled in (column
-- defaults, triggers) and run_at as stored. The client already holds the rest, payload included,
-- which the json column stores as sent. By the range of the reserved ids ($1 lowest, $2 highest),
-- one index range scan; ids that other sessions drew in between are skipped by the client.
-- $1 lowest_id bigint: the lowest id reserved
-- $2 highest_id bigint: the highest id reserved
SELECT id, run_at, attempts, key, last_error, locked_at, locked_by, created_at, updated_at
  FROM __SCHEMA__.jobs
 WHERE id BETWEEN $1 AND $2
