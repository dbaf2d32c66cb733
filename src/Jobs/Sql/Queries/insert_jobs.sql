-- Many jobs without keys in one statement: add_job's keyless path is a plain insert with every
-- column given explicitly (a NULL queue means no queue), which this reproduces set-wise.
INSERT INTO __SCHEMA__.jobs (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority)
SELECT r.db_id, r.identifier, r.payload::json, r.queue_name, coalesce(r.run_at, now()), r.max_attempts, r.priority
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::int[])
         WITH ORDINALITY AS r(db_id, identifier, payload, queue_name, run_at, max_attempts, priority, n)
 ORDER BY r.n
RETURNING *
