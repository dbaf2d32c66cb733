-- get_job, called $4 times in one statement: one round trip and one commit for many jobs. Each
-- call is a command of its own inside the transaction, so it sees the jobs and queues the
-- previous calls locked, exactly as calls one by one would. The call sits in the select list of
-- a subquery kept apart by OFFSET 0, so it runs once per row (as a LATERAL call without
-- arguments from the row, it would run once in all); calls that find nothing return the
-- all-NULL row, left out here.
-- $1 worker_id text: the worker locking the jobs
-- $2 task_identifiers text[]: the tasks it fetches; NULL for every task
-- $3 job_expiry_seconds float8: get_job's job_expiry
-- $4 calls int: how many times get_job is called
SELECT (c.job).*
  FROM (SELECT call.n,
               __SCHEMA__.get_job(worker_id => $1, task_identifiers => $2, job_expiry => make_interval(secs => $3)) AS job
          FROM generate_series(1, $4) AS call(n)
        OFFSET 0) AS c
 WHERE (c.job).id IS NOT NULL
 ORDER BY c.n
