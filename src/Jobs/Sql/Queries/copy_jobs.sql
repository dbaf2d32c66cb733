COPY __SCHEMA__.jobs (id, database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority) FROM STDIN (FORMAT BINARY)
-- Keyless bulk enqueue, step 2 of 3. (This note follows the statement because Npgsql wants the
-- text to start with COPY.) add_job's keyless path is a plain insert with every column given
-- explicitly (a NULL queue means no queue, not the column's random default), which this repeats
-- row by row; the timestamp, queue-count and NOTIFY triggers fire as they do for an INSERT.
-- KeylessBulkInsert writes the fields in exactly this column order.
