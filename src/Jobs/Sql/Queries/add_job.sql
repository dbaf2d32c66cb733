-- One job through the schema's own add_job, so key semantics are exactly the deployed ones.
-- Named arguments: the same call works with 0.15.3 and with newer upstream parameter orders.
SELECT *
  FROM __SCHEMA__.add_job(
         db_id => $1,
         identifier => $2,
         payload => $3::text::json,
         job_key => $4,
         queue_name => $5,
         run_at => coalesce($6, now()),
         max_attempts => $7,
         priority => $8)
