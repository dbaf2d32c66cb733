SELECT *
  FROM __SCHEMA__.get_job(worker_id => $1, task_identifiers => $2, job_expiry => make_interval(secs => $3))
