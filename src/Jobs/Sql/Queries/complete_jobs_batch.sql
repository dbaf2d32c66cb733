-- Batched complete_job for one worker: deletes only jobs it still holds in the attempt that
-- produced each result ($3[i] is the attempt of $2[i], as the fetch returned it), then unlocks
-- their queues. A result whose lock expired and was taken again (by another worker, or by this
-- one as a later attempt) matches nothing and is left out of the ids returned. (The queue-count
-- trigger fires at the end of the statement.) id = ANY keeps the walk on the primary key; the
-- join with the pairs adds the attempt.
WITH done AS (
  DELETE FROM __SCHEMA__.jobs j
   USING unnest($2::bigint[], $3::int[]) AS r(id, attempt)
   WHERE j.id = ANY ($2) AND j.id = r.id AND j.attempts = r.attempt AND j.locked_by = $1
  RETURNING j.id, j.queue_name
),
unlocked AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by = $1 AND q.queue_name IN (SELECT d.queue_name FROM done d WHERE d.queue_name IS NOT NULL)
  RETURNING q.queue_name
)
SELECT d.id FROM done d
