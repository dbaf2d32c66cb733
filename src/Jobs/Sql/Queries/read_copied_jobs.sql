-- Keyless bulk enqueue, step 3 of 3: the columns of the copied rows that the database filled in
-- (column defaults, the timestamp trigger, run_at as stored, to the microsecond). The client
-- already holds the rest, payload included, which the json column stores as sent.
-- By the range of the reserved ids ($1 lowest, $2 highest), one index range scan where a list of
-- ids costs a descent per id; ids that other sessions drew in between are skipped by the client.
SELECT id, run_at, attempts, key, last_error, locked_at, locked_by, created_at, updated_at
  FROM __SCHEMA__.jobs
 WHERE id BETWEEN $1 AND $2
