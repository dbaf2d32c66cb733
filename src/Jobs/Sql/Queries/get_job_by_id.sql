-- One job by id; $2 is the admin's database (NULL: any database).
-- $1 id bigint: the job
-- $2 database_id uuid: the admin's database; NULL for every database
SELECT * FROM __SCHEMA__.jobs WHERE id = $1 AND ($2::uuid IS NULL OR database_id = $2::uuid)
