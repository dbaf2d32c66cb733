-- fail_job once per job, in one statement, in the given order. fail_job is STRICT: every
-- message is non-NULL.
SELECT failed.id
  FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS f(id, error_message, n)
 CROSS JOIN LATERAL __SCHEMA__.fail_job(worker_id => $1, job_id => f.id, error_message => f.error_message) AS failed
 ORDER BY f.n
