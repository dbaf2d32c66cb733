-- Claims one unclaimed schedule (the schema's own function; an all-NULL row when none is left).
-- $1 worker_id text: the scheduler claiming
-- $2 task_identifiers text[]: the tasks it serves, or NULL for every task
SELECT *
  FROM __SCHEMA__.get_scheduled_job(worker_id => $1, task_identifiers => $2)
