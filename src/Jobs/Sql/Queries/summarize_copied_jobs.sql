-- Keyless bulk enqueue, step 3 of 3, usually: what the database filled in on the copied rows, in
-- one row. With the schema's own column defaults and timestamp trigger, every row of the batch has
-- the same attempts, created_at and updated_at (one transaction, one now()) and NULL key,
-- last_error, locked_at and locked_by; the client checks that here and takes the values from this
-- row. If not (another trigger, or rows of other sessions inside the reserved id range: copied
-- would exceed the batch), it reads the rows one by one with read_copied_jobs.sql.
-- $1 lowest_id bigint: the lowest id reserved
-- $2 highest_id bigint: the highest id reserved
SELECT count(*) AS copied,
       min(attempts) AS attempts, max(attempts) AS attempts_max,
       min(created_at) AS created_at, max(created_at) AS created_at_max, count(created_at) AS created_at_count,
       min(updated_at) AS updated_at, max(updated_at) AS updated_at_max, count(updated_at) AS updated_at_count,
       count(key) + count(last_error) + count(locked_at) + count(locked_by) AS filled
  FROM __SCHEMA__.jobs
 WHERE id BETWEEN $1 AND $2
