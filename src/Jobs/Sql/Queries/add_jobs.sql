-- Many jobs in one round trip, each through add_job in input order, so a batch behaves exactly
-- like the same calls made one by one (a later row with a key upserts an earlier one). Every row
-- of one statement passes the same optional arguments (OptionalArguments); the client sends a
-- run of rows that differ in which they give as several statements.
-- Their arrays are numbered on from the seven below, in OptionalArguments' order.
-- $1 identifiers text[]: the task of each job
-- $2 payloads json[]: the payload of each, sent as UTF-8 bytes
-- $3 job_keys text[]: the key of each, or NULL
-- $4 queue_names text[]: the named queue of each, or NULL for none
-- $5 run_ats timestamptz[]: when each is due, or NULL for now()
-- $6 max_attempts int[]: the attempts each is allowed
-- $7 priorities int[]: the priority of each, lower first
SELECT j.*
  FROM unnest($1::text[], $2::json[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::int[]/*optional arrays*/)
         WITH ORDINALITY AS r(identifier, payload, job_key, queue_name, run_at, max_attempts, priority/*optional columns*/, n)
 CROSS JOIN LATERAL __SCHEMA__.add_job(
         identifier => r.identifier,
         payload => r.payload,
         job_key => r.job_key,
         queue_name => r.queue_name,
         run_at => coalesce(r.run_at, now()),
         max_attempts => r.max_attempts,
         priority => r.priority/*optional arguments*/) AS j
 ORDER BY r.n
