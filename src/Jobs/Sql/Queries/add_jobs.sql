-- Many jobs in one round trip, each through add_job in input order, so a batch behaves exactly
-- like the same calls made one by one (a later row with a key upserts an earlier one).
SELECT j.*
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::int[], $8::int[])
         WITH ORDINALITY AS r(db_id, identifier, payload, job_key, queue_name, run_at, max_attempts, priority, n)
 CROSS JOIN LATERAL __SCHEMA__.add_job(
         db_id => r.db_id,
         identifier => r.identifier,
         payload => r.payload::json,
         job_key => r.job_key,
         queue_name => r.queue_name,
         run_at => coalesce(r.run_at, now()),
         max_attempts => r.max_attempts,
         priority => r.priority) AS j
 ORDER BY r.n
