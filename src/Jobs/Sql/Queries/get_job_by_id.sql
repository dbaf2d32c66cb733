SELECT * FROM __SCHEMA__.jobs WHERE id = $1
