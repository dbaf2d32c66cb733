-- permanently_fail_jobs once per job, each with its own message. It runs after fail_job has
-- unlocked the job (the admin function refuses locked jobs).
SELECT count(*)
  FROM unnest($1::bigint[], $2::text[]) AS p(id, error_message)
 CROSS JOIN LATERAL __SCHEMA__.permanently_fail_jobs(job_ids => ARRAY[p.id], error_message => p.error_message) AS stopped
