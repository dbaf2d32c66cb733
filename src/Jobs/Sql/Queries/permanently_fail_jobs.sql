-- The ids are first narrowed to the admin's database $3 (NULL: every database) in the same
-- statement, so permanently_fail_jobs never sees another tenant's job.
-- $1 job_ids bigint[]: the jobs
-- $2 error_message text: the reason, or NULL
-- $3 database_id uuid: the admin's database; NULL for every database
SELECT * FROM __SCHEMA__.permanently_fail_jobs(
  job_ids => ARRAY(SELECT j.id FROM __SCHEMA__.jobs j WHERE j.id = ANY ($1) AND ($3::uuid IS NULL OR j.database_id = $3::uuid)),
  error_message => $2)
