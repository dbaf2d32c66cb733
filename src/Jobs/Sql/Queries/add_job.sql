-- One job through the schema's own add_job, so key semantics are exactly the deployed ones.
-- Named arguments: the same call works with 0.16's parameter order and with 0.47's. db_id and
-- the attribution arguments (actor_id, entity_id, ...) are appended only when given
-- (OptionalArguments), so on 0.47 add_job otherwise takes them from the transaction's claims.
-- Those given are numbered on from the seven below, in OptionalArguments' order.
-- $1 identifier text: the task
-- $2 payload json: the payload, sent as UTF-8 bytes
-- $3 job_key text: the key, or NULL
-- $4 queue_name text: the named queue, or NULL for none
-- $5 run_at timestamptz: when due, or NULL for now()
-- $6 max_attempts int: the attempts allowed
-- $7 priority int: lower runs first
SELECT *
  FROM __SCHEMA__.add_job(
         identifier => $1,
         payload => $2::json,
         job_key => $3,
         queue_name => $4,
         run_at => coalesce($5, now()),
         max_attempts => $6,
         priority => $7/*optional arguments*/)
