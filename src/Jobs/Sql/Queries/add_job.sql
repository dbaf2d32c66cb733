-- One job through the schema's own add_job, so key semantics are exactly the deployed ones.
-- Named arguments: the same call works with 0.16's parameter order and with 0.47's. db_id and
-- the attribution arguments (actor_id, entity_id, ...) are appended only when given
-- (OptionalArguments), so on 0.47 add_job otherwise takes them from the transaction's claims.
SELECT *
  FROM __SCHEMA__.add_job(
         identifier => $1,
         payload => $2::text::json,
         job_key => $3,
         queue_name => $4,
         run_at => coalesce($5, now()),
         max_attempts => $6,
         priority => $7/*optional arguments*/)
