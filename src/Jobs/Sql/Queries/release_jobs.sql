SELECT __SCHEMA__.release_jobs(worker_id => $1)
