SELECT * FROM __SCHEMA__.permanently_fail_jobs(job_ids => $1, error_message => $2)
