-- Many jobs without keys in one statement: add_job's keyless path is a plain insert with every
-- column given explicitly (a NULL queue means no queue), which this reproduces set-wise.
-- $1 database_ids uuid[]: the tenant of each job
-- $2 identifiers text[]: the task of each
-- $3 payloads json[]: the payload of each, sent as UTF-8 bytes
-- $4 queue_names text[]: the named queue of each, or NULL for none
-- $5 run_ats timestamptz[]: when each is due, or NULL for now()
-- $6 max_attempts int[]: the attempts each is allowed
-- $7 priorities int[]: the priority of each, lower first
INSERT INTO __SCHEMA__.jobs (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority)
SELECT r.db_id, r.identifier, r.payload, r.queue_name, coalesce(r.run_at, now()), r.max_attempts, r.priority
  FROM unnest($1::uuid[], $2::text[], $3::json[], $4::text[], $5::timestamptz[], $6::int[], $7::int[])
         WITH ORDINALITY AS r(db_id, identifier, payload, queue_name, run_at, max_attempts, priority, n)
 ORDER BY r.n
RETURNING *
