-- fail_job is STRICT: the caller always sends a non-NULL message.
SELECT id FROM __SCHEMA__.fail_job(worker_id => $1, job_id => $2, error_message => $3)
