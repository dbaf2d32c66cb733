-- Named arguments: the same call works with 0.16's parameter order and with 0.47's. The
-- attribution arguments (actor_id, entity_id, ...) are appended only when given
-- (OptionalArguments), so on 0.47 add_scheduled_job otherwise takes them from the claims.
-- Those given are numbered on from the eight below, in OptionalArguments' order. The eight are
-- numbered as scheduled_job_is_current.sql numbers them (one binding, ScheduledJobValues).
-- $1 job_key text: the schedule's key
-- $2 db_id uuid: the database (tenant) it belongs to
-- $3 identifier text: the task
-- $4 payload text: the payload, JSON text
-- $5 schedule_info text: the schedule, JSON text
-- $6 queue_name text: the named queue, or NULL for none
-- $7 priority int: lower runs first
-- $8 max_attempts int: the attempts each job gets
SELECT *
  FROM __SCHEMA__.add_scheduled_job(
         job_key => $1,
         db_id => $2,
         identifier => $3,
         payload => $4::text::json,
         schedule_info => $5::text::json,
         queue_name => $6,
         priority => $7,
         max_attempts => $8/*optional arguments*/)
