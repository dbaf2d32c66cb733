-- complete_jobs deletes only jobs that are not running (or whose lock expired).
SELECT * FROM __SCHEMA__.complete_jobs(job_ids => $1)
