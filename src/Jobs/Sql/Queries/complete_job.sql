SELECT id FROM __SCHEMA__.complete_job(worker_id => $1, job_id => $2)
