-- One job by id; $2 is the admin's database (NULL: any database).
SELECT * FROM __SCHEMA__.jobs WHERE id = $1 AND ($2::uuid IS NULL OR database_id = $2::uuid)
