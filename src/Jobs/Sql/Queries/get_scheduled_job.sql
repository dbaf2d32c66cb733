-- Claims one unclaimed schedule (the schema's own function; an all-NULL row when none is left).
SELECT *
  FROM __SCHEMA__.get_scheduled_job(worker_id => $1, task_identifiers => $2)
