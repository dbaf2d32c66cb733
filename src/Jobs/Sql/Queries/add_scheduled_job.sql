-- Named arguments: the same call works with 0.16's parameter order and with 0.47's. The
-- attribution arguments (actor_id, entity_id, ...) are appended only when given
-- (OptionalArguments), so on 0.47 add_scheduled_job otherwise takes them from the claims.
SELECT *
  FROM __SCHEMA__.add_scheduled_job(
         identifier => $1,
         payload => $2::text::json,
         schedule_info => $3::text::json,
         job_key => $4,
         queue_name => $5,
         max_attempts => $6,
         priority => $7/*optional arguments*/)
