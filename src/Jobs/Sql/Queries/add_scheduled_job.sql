-- Named arguments: the same call works with 0.15.3 and with newer upstream parameter orders.
SELECT *
  FROM __SCHEMA__.add_scheduled_job(
         db_id => $1,
         identifier => $2,
         payload => $3::text::json,
         schedule_info => $4::text::json,
         job_key => $5,
         queue_name => $6,
         max_attempts => $7,
         priority => $8)
