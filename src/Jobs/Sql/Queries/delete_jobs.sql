-- complete_jobs deletes only jobs that are not running (or whose lock expired). The ids are first
-- narrowed to the admin's database $2 (NULL: every database) in the same statement, so
-- complete_jobs never sees another tenant's job.
-- $1 job_ids bigint[]: the jobs
-- $2 database_id uuid: the admin's database; NULL for every database
SELECT * FROM __SCHEMA__.complete_jobs(
  job_ids => ARRAY(SELECT j.id FROM __SCHEMA__.jobs j WHERE j.id = ANY ($1) AND ($2::uuid IS NULL OR j.database_id = $2::uuid)))
