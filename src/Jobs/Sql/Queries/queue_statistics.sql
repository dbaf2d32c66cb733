SELECT q.queue_name, q.job_count, q.locked_at, q.locked_by
  FROM __SCHEMA__.job_queues q
 ORDER BY q.queue_name
