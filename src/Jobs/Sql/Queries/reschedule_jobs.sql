-- The ids are first narrowed to the admin's database $6 (NULL: every database) in the same
-- statement, so reschedule_jobs never sees another tenant's job.
-- $1 job_ids bigint[]: the jobs
-- $2 run_at timestamptz: when due; NULL leaves it
-- $3 priority int: NULL leaves it
-- $4 attempts int: NULL leaves it
-- $5 max_attempts int: NULL leaves it
-- $6 database_id uuid: the admin's database; NULL for every database
SELECT * FROM __SCHEMA__.reschedule_jobs(
  job_ids => ARRAY(SELECT j.id FROM __SCHEMA__.jobs j WHERE j.id = ANY ($1) AND ($6::uuid IS NULL OR j.database_id = $6::uuid)),
  run_at => $2, priority => $3, attempts => $4, max_attempts => $5)
