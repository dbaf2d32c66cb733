-- complete_job once per job, in one statement (one round trip, one commit), in the given order.
SELECT done.id
  FROM unnest($2::bigint[]) WITH ORDINALITY AS c(id, n)
 CROSS JOIN LATERAL __SCHEMA__.complete_job(worker_id => $1, job_id => c.id) AS done
 ORDER BY c.n
